package lat.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import lat.core.Dataset;
import lat.evaluate.EvaluationRow;
import lat.evaluate.EvaluationTable;
import lat.evaluate.TrainingProvenance;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a reader of the evaluation table sees on S3 while a run's partition is replaced: a reader
 * thread queries the table (Spark, through S3A, as a notebook or a dashboard would) over and over
 * while the partition of the same run is rewritten several times, each version's rows marked by
 * their {@code seed}. Every read that succeeds must show exactly one complete version (never a mix,
 * never a partial one). A read that fails because the object changed under it is allowed (a reader
 * retries) and counted: Spark reads a Parquet footer and the row group through two opens of the
 * object, and when the footer is the old version's, the new bytes at the old offsets fail to
 * decompress (seen). The rows themselves come from one stream, which S3A pins to one version (its
 * ETag change detection), so they cannot mix. A second run's partition is never disturbed.
 */
class PartitionReplacementIT {
    static final Path WORK = Path.of("target/it-s3-partition").toAbsolutePath();
    static final String BUCKET = "lat";
    static final String OUTPUT = "s3a://" + BUCKET + "/table-test";
    static final int ROWS = 25;
    static final int VERSIONS = 6;
    static S3Server server;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        S3FaultsIT.deleteRecursively(WORK);
        java.nio.file.Files.createDirectories(WORK);
        server = S3Server.start(WORK, BUCKET);
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("partition replacement")
                .config("spark.ui.enabled", false);
        server.hadoopSettings().forEach((key, value) -> builder.config("spark.hadoop." + key, value));
        spark = builder.getOrCreate();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (spark != null) {
            spark.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReaderSeesOneCompleteVersionWhileThePartitionIsReplaced() throws Exception {
        EvaluationTable.writeRun(spark, OUTPUT, "other", rows("other", 99));
        EvaluationTable.writeRun(spark, OUTPUT, "r", rows("r", 0));

        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> mixed = new ArrayList<>();
        Set<Long> versionsSeen = new TreeSet<>();
        int[] reads = new int[2]; // successful, failed
        Thread reader = new Thread(
                () -> {
                    while (writing.get()) {
                        try {
                            List<Row> rows = EvaluationTable.read(spark, OUTPUT)
                                    .where(functions.col("run_id").equalTo("r"))
                                    .select("seed")
                                    .collectAsList();
                            Set<Long> seeds = new TreeSet<>();
                            rows.forEach(row -> seeds.add(row.getLong(0)));
                            if (rows.size() != ROWS || seeds.size() != 1) {
                                mixed.add(rows.size() + " rows of versions " + seeds);
                            }
                            versionsSeen.addAll(seeds);
                            reads[0]++;
                        } catch (Exception changedWhileRead) { // Spark's SparkException is a checked one
                            reads[1]++;
                        }
                    }
                },
                "table-reader");
        List<Throwable> readerDied = new ArrayList<>();
        reader.setUncaughtExceptionHandler((thread, e) -> readerDied.add(e));
        reader.start();
        for (int version = 1; version <= VERSIONS; version++) {
            EvaluationTable.writeRun(spark, OUTPUT, "r", rows("r", version));
        }
        writing.set(false);
        reader.join();
        System.out.printf(
                "%d replacements: %d reads saw one complete version (versions %s), %d failed, %d mixed%n",
                VERSIONS, reads[0], versionsSeen, reads[1], mixed.size());

        assertEquals(List.of(), readerDied, "the reader thread died");
        assertEquals(List.of(), mixed, "a reader saw a mix of versions or a partial one");
        assertTrue(reads[0] >= 3, "the reader read while the writer wrote: " + reads[0] + " reads");
        assertTrue(versionsSeen.size() >= 2, "reads overlapped several versions: " + versionsSeen);
        assertEquals(Set.of((long) VERSIONS), seeds("r"), "the last version stays");
        assertEquals(Set.of(99L), seeds("other"), "another run is untouched");
        assertEquals(
                List.of(server.storeDir().resolve(BUCKET).resolve("table-test/evaluation/run_id=r/part-00000.parquet")),
                S3PipelineIT.objectsUnder(server.storeDir().resolve(BUCKET).resolve("table-test/evaluation/run_id=r")),
                "one object per partition");
    }

    private static Set<Long> seeds(String run) {
        Set<Long> seeds = new TreeSet<>();
        EvaluationTable.readRun(spark, OUTPUT, run).forEach(row -> seeds.add(row.seed()));
        return seeds;
    }

    /** ROWS rows of {@code run}, all of version {@code version} (in their seed). */
    private static List<EvaluationRow> rows(String run, long version) {
        TrainingProvenance training = new TrainingProvenance(8, 16, 64, 100, 0.3, 5);
        return IntStream.range(0, ROWS)
                .mapToObj(i -> new EvaluationRow(
                        run,
                        "model-" + i / 5,
                        1,
                        "attack-" + i % 5,
                        "pgd",
                        0.3,
                        5,
                        0.1,
                        true,
                        100,
                        0.5,
                        0.9,
                        Dataset.MNIST.testSetId(),
                        version,
                        Instant.now(),
                        1.0,
                        50.0,
                        90,
                        "sha-model",
                        "sha-data",
                        "test",
                        "nd4j-native",
                        training))
                .toList();
    }
}
