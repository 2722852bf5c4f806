package lat.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lat.attack.DigitScores;
import lat.io.OutputLayout;
import lat.spark.CatalogTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-digit table (contract, docs/design.md): a Parquet dataset at
 * {@code <output>/evaluation-digits/}, partitioned by {@code run_id} like the evaluation table and
 * written with it, one row per (cell, test digit); see {@link DigitOutcome} for the columns. What
 * paired comparisons (two models on the same digits) and worst-case-over-attacks accuracy need.
 */
public final class DigitTable {
    /** The table's columns; {@code run_id} is the partition column. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("train_seed", DataTypes.LongType, false),
        DataTypes.createStructField("attack", DataTypes.StringType, false),
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("epsilon", DataTypes.DoubleType, false),
        DataTypes.createStructField("pgd_steps", DataTypes.IntegerType, false),
        DataTypes.createStructField("digit", DataTypes.IntegerType, false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false),
        DataTypes.createStructField("predicted", DataTypes.IntegerType, false),
        DataTypes.createStructField("correct", DataTypes.BooleanType, false),
        DataTypes.createStructField("loss", DataTypes.DoubleType, false),
        DataTypes.createStructField("broken_by", DataTypes.StringType, true),
    });

    private DigitTable() {}

    private static PartitionedTable table(String outputDir) {
        OutputLayout layout = new OutputLayout(outputDir, "");
        return new PartitionedTable(layout.digitTable(), SCHEMA, "per-digit table", layout.stagingDir());
    }

    /**
     * The table in Spark's catalog beside the evaluation table registered as {@code evaluationTable}
     * ({@code lat.evaluate.table}): named {@code <evaluationTable>_digits}; empty when that is "".
     */
    public static Optional<CatalogTable> catalog(String evaluationTable, String outputDir) {
        return evaluationTable.isEmpty()
                ? Optional.empty()
                : Optional.of(new CatalogTable(
                        evaluationTable + "_digits",
                        table(outputDir).root(),
                        SCHEMA,
                        PartitionedTable.PARTITION_COLUMN));
    }

    /** The directory of one run's partition. */
    public static Path partition(String outputDir, String runId) {
        return table(outputDir).partition(runId);
    }

    /** The rows of {@code result}'s cell in run {@code runId}: digit i is the i-th digit of MNIST's test file. */
    public static List<DigitOutcome> outcomes(String runId, CellResult result) {
        Cell cell = result.cell();
        DigitScores digits = result.digits();
        List<DigitOutcome> outcomes = new ArrayList<>(digits.size());
        for (int i = 0; i < digits.size(); i++) {
            outcomes.add(new DigitOutcome(
                    runId,
                    cell.model().kind().id(),
                    cell.model().seed(),
                    cell.input(),
                    cell.methodName(),
                    cell.epsilon(),
                    cell.steps(),
                    i,
                    digits.labels()[i],
                    digits.predicted()[i],
                    digits.correct(i),
                    digits.losses()[i],
                    digits.brokenBy()[i]));
        }
        return outcomes;
    }

    /**
     * Replaces the partition of {@code runId} with {@code outcomes}, atomically
     * ({@link PartitionedTable#writeRun}); other runs' partitions are not touched.
     */
    public static void writeRun(SparkSession spark, String outputDir, String runId, List<DigitOutcome> outcomes) {
        table(outputDir)
                .writeRun(spark, runId, outcomes.stream().map(DigitTable::toRow).toList());
    }

    /**
     * The rows of one run, by model, training seed, attack, method, epsilon, steps and digit.
     *
     * @throws lat.core.DataError when the table holds no partition for the run
     */
    public static List<DigitOutcome> readRun(SparkSession spark, String outputDir, String runId) {
        return table(outputDir)
                .readRun(spark, runId, "model", "train_seed", "attack", "method", "epsilon", "pgd_steps", "digit")
                .stream()
                .map(DigitTable::fromRow)
                .toList();
    }

    private static Row toRow(DigitOutcome o) {
        return RowFactory.create(
                o.runId(),
                o.model(),
                o.trainSeed(),
                o.attack(),
                o.method(),
                o.epsilon(),
                o.pgdSteps(),
                o.digit(),
                o.label(),
                o.predicted(),
                o.correct(),
                o.loss(),
                o.brokenBy());
    }

    private static DigitOutcome fromRow(Row row) {
        return new DigitOutcome(
                row.getAs("run_id"),
                row.getAs("model"),
                row.<Long>getAs("train_seed"),
                row.getAs("attack"),
                row.getAs("method"),
                row.<Double>getAs("epsilon"),
                row.<Integer>getAs("pgd_steps"),
                row.<Integer>getAs("digit"),
                row.<Integer>getAs("label"),
                row.<Integer>getAs("predicted"),
                row.<Boolean>getAs("correct"),
                row.<Double>getAs("loss"),
                row.<String>getAs("broken_by"));
    }
}
