package lat.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lat.core.DataError;
import lat.io.DirectorySwap;
import lat.io.HadoopFiles;
import lat.io.OutputKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet dataset partitioned by {@code run_id}, each run's partition one file of a fixed name,
 * {@code run_id=<id>/part-00000.parquet}, replaced as a whole and atomically for readers on file
 * systems and object stores alike ({@link DirectorySwap#replaceOneFile}), so rewriting one run never
 * touches another. The layout both of the evaluate job's tables share ({@link EvaluationTable},
 * {@link DigitTable}).
 *
 * @param root    the dataset's directory (any Hadoop path)
 * @param schema  its columns, {@code run_id} first
 * @param what    what it holds, for messages (e.g. "evaluation table")
 * @param staging where a partition is written before it replaces the old one
 */
record PartitionedTable(Path root, StructType schema, String what, Path staging) {
    static final String PARTITION_COLUMN = "run_id";

    /** The one file of a partition: a fixed name, so that on S3 a rewrite is one PUT over it. */
    static final String PARTITION_FILE = "part-00000.parquet";

    PartitionedTable {
        if (!PARTITION_COLUMN.equals(schema.fieldNames()[0])) {
            throw new IllegalArgumentException(what + ": the first column must be " + PARTITION_COLUMN);
        }
    }

    /** The directory of one run's partition. */
    Path partition(String runId) {
        return new Path(root, PARTITION_COLUMN + "=" + runId);
    }

    /**
     * Replaces the partition of {@code runId} with {@code rows} (each with {@code runId} in its first
     * column): Spark writes them into a hidden staging directory (through the output committer the
     * session is configured with), whose one Parquet file then replaces the partition's: by a directory
     * swap on file systems, by one upload on object stores. Other runs' partitions are not touched; a
     * failure leaves the old partition as it was.
     */
    void writeRun(SparkSession spark, String runId, List<Row> rows) {
        for (Row row : rows) {
            if (!runId.equals(row.getString(0))) {
                throw new IllegalArgumentException("row of run " + row.get(0) + " in the partition of " + runId);
            }
        }
        // A session of its own for the Parquet settings (same SparkContext, own SQL configuration):
        // timestamps as standard INT64 (microseconds, UTC) instead of Spark's default, the deprecated INT96.
        SparkSession writer = spark.newSession();
        writer.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        Dataset<Row> frame = writer.createDataFrame(rows, schema)
                // Hive layout: the partition's files hold every column but the partition column.
                .drop(PARTITION_COLUMN)
                .coalesce(1);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputKind kind = OutputKind.directory(
                "a partition of the " + what,
                name -> name.endsWith(".parquet") || name.startsWith("_") || name.startsWith("."));
        try {
            DirectorySwap.replaceOneFile(
                    partition(runId),
                    PARTITION_FILE,
                    name -> name.endsWith(".parquet"),
                    staging,
                    kind,
                    conf,
                    dir -> frame.write().parquet(dir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the " + what + " of run " + runId + " to " + partition(runId), e);
        }
    }

    /**
     * The whole dataset with the contract's types. The schema is given rather than inferred, so
     * that a numeric-looking run id (e.g. {@code 2024}) still reads as a string.
     */
    Dataset<Row> read(SparkSession spark) {
        Column[] ordered =
                Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
        return spark.read().schema(schema).parquet(root.toString()).select(ordered);
    }

    /**
     * The rows of one run, queried with Spark SQL, in the order of the columns {@code orderBy}
     * (none: as stored).
     *
     * @throws DataError when the dataset holds no partition for the run
     */
    List<Row> readRun(SparkSession spark, String runId, String... orderBy) {
        Path partition = partition(runId);
        try {
            if (!HadoopFiles.fileSystem(partition, spark.sparkContext().hadoopConfiguration())
                    .exists(partition)) {
                throw new DataError("the " + what + " has no run " + runId + " (" + partition
                        + " does not exist); run 'lat evaluate' first");
            }
        } catch (IOException e) {
            throw new DataError("cannot look for " + partition + ": " + HadoopFiles.describe(e), e);
        }
        String view = what.replaceAll("[^a-z]", "_");
        read(spark).createOrReplaceTempView(view);
        String order = orderBy.length == 0 ? "" : " ORDER BY " + String.join(", ", orderBy);
        return spark.sql("SELECT * FROM " + view + " WHERE run_id = :run" + order, Map.of("run", runId))
                .collectAsList();
    }
}
