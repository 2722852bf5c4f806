package lat.evaluate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lat.core.DataError;
import lat.io.OutputLayout;
import lat.spark.CatalogTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The evaluation table (contract, docs/design.md): a Parquet dataset at {@code <output>/evaluation/},
 * partitioned by {@code run_id}, one row per cell of a run's grid (model and training seed, input,
 * method, epsilon, steps); see {@link EvaluationRow} for the columns. A run's partition is one Parquet
 * file of a fixed name, replaced as a whole and atomically ({@link PartitionedTable}). Its per-digit
 * companion is {@link DigitTable}.
 */
public final class EvaluationTable {
    /** The table's columns, contract first, then extras; {@code run_id} is the partition column. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("run_id", DataTypes.StringType),
        field("model", DataTypes.StringType),
        field("train_seed", DataTypes.LongType),
        field("attack", DataTypes.StringType),
        field("method", DataTypes.StringType),
        field("epsilon", DataTypes.DoubleType),
        field("pgd_steps", DataTypes.IntegerType),
        field("step_size", DataTypes.DoubleType),
        field("random_start", DataTypes.BooleanType),
        field("examples", DataTypes.LongType),
        field("loss", DataTypes.DoubleType),
        field("accuracy", DataTypes.DoubleType),
        field("dataset", DataTypes.StringType),
        field("seed", DataTypes.LongType),
        field("created_at", DataTypes.TimestampType),
        field("duration_s", DataTypes.DoubleType),
        field("loss_sum", DataTypes.DoubleType),
        field("correct", DataTypes.LongType),
        field("model_sha256", DataTypes.StringType),
        field("data_sha256", DataTypes.StringType),
        field("code_version", DataTypes.StringType),
        field("nd4j_backend", DataTypes.StringType),
        field("model_conv1_channels", DataTypes.IntegerType),
        field("model_conv2_channels", DataTypes.IntegerType),
        field("model_dense_units", DataTypes.IntegerType),
        field("train_steps", DataTypes.LongType),
        field("train_epsilon", DataTypes.DoubleType),
        field("train_pgd_steps", DataTypes.IntegerType),
    });

    /** The one file of a partition: a fixed name, so that on S3 a rewrite is one PUT over it. */
    public static final String PARTITION_FILE = PartitionedTable.PARTITION_FILE;

    private EvaluationTable() {}

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static PartitionedTable table(String outputDir) {
        OutputLayout layout = new OutputLayout(outputDir, "");
        return new PartitionedTable(layout.evaluationTable(), SCHEMA, "evaluation table", layout.stagingDir());
    }

    /** The directory of one run's partition. */
    public static Path partition(String outputDir, String runId) {
        return table(outputDir).partition(runId);
    }

    /**
     * Replaces the partition of {@code runId} with {@code rows}, atomically
     * ({@link PartitionedTable#writeRun}); other runs' partitions are not touched.
     */
    public static void writeRun(SparkSession spark, String outputDir, String runId, List<EvaluationRow> rows) {
        table(outputDir)
                .writeRun(
                        spark, runId, rows.stream().map(EvaluationTable::toRow).toList());
    }

    /**
     * The table as {@code table} in Spark's catalog ({@code lat.evaluate.table}), at its files'
     * location; empty when {@code table} is "".
     */
    public static Optional<CatalogTable> catalog(String table, String outputDir) {
        return table.isEmpty()
                ? Optional.empty()
                : Optional.of(new CatalogTable(
                        table,
                        new OutputLayout(outputDir, "").evaluationTable(),
                        SCHEMA,
                        PartitionedTable.PARTITION_COLUMN));
    }

    /**
     * The whole table with the contract's types. The schema is given rather than inferred, so
     * that a numeric-looking run id (e.g. {@code 2024}) still reads as a string.
     */
    public static Dataset<Row> read(SparkSession spark, String outputDir) {
        return table(outputDir).read(spark);
    }

    /**
     * The rows of one run, queried with Spark SQL.
     *
     * @throws DataError when the table holds no partition for the run
     */
    public static List<EvaluationRow> readRun(SparkSession spark, String outputDir, String runId) {
        return table(outputDir).readRun(spark, runId).stream()
                .map(EvaluationTable::fromRow)
                .toList();
    }

    static Row toRow(EvaluationRow r) {
        return RowFactory.create(
                r.runId(),
                r.model(),
                r.trainSeed(),
                r.attack(),
                r.method(),
                r.epsilon(),
                r.pgdSteps(),
                r.stepSize(),
                r.randomStart(),
                r.examples(),
                r.loss(),
                r.accuracy(),
                r.dataset(),
                r.seed(),
                Timestamp.from(r.createdAt()),
                r.durationS(),
                r.lossSum(),
                r.correct(),
                r.modelSha256(),
                r.dataSha256(),
                r.codeVersion(),
                r.nd4jBackend(),
                r.training().conv1Channels(),
                r.training().conv2Channels(),
                r.training().denseUnits(),
                r.training().steps(),
                r.training().epsilon(),
                r.training().pgdSteps());
    }

    static EvaluationRow fromRow(Row row) {
        Object created = row.getAs("created_at");
        Instant createdAt = created instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) created;
        return new EvaluationRow(
                row.getAs("run_id"),
                row.getAs("model"),
                row.<Long>getAs("train_seed"),
                row.getAs("attack"),
                row.getAs("method"),
                row.<Double>getAs("epsilon"),
                row.<Integer>getAs("pgd_steps"),
                row.<Double>getAs("step_size"),
                row.<Boolean>getAs("random_start"),
                row.<Long>getAs("examples"),
                row.<Double>getAs("loss"),
                row.<Double>getAs("accuracy"),
                row.getAs("dataset"),
                row.<Long>getAs("seed"),
                createdAt,
                row.<Double>getAs("duration_s"),
                row.<Double>getAs("loss_sum"),
                row.<Long>getAs("correct"),
                row.getAs("model_sha256"),
                row.getAs("data_sha256"),
                row.getAs("code_version"),
                row.getAs("nd4j_backend"),
                new TrainingProvenance(
                        row.<Integer>getAs("model_conv1_channels"),
                        row.<Integer>getAs("model_conv2_channels"),
                        row.<Integer>getAs("model_dense_units"),
                        row.<Long>getAs("train_steps"),
                        row.<Double>getAs("train_epsilon"),
                        row.<Integer>getAs("train_pgd_steps")));
    }
}
