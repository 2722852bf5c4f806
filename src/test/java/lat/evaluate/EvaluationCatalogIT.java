package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lat.TestData;
import lat.config.Settings;
import lat.core.BuildInfo;
import lat.s3.LatProcess;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code lat.evaluate.table}: {@code lat evaluate} in JVMs of its own registers the evaluation
 * table in Spark's Hive catalog (an embedded Derby metastore, one JVM at a time), and a second,
 * independent reader (another JVM, Spark SQL on that metastore, nothing of lat's) sees by table
 * name exactly the rows the Parquet files hold. A partition written but never registered (what an
 * {@code evaluate} killed between its write and its registration leaves) and a partition directory
 * removed by hand are what the catalog misses until the next {@code evaluate} resyncs it; a
 * rewritten run keeps one partition with the new rows.
 */
class EvaluationCatalogIT {
    static final Path WORK = Path.of("target/it-catalog").toAbsolutePath();
    static final String TABLE = "lat.evaluation";
    /** Two models, natural inputs and one attack: 4 rows a run. */
    static final String EVALUATE = String.join(
            "\n",
            "lat.evaluate { examples = 20, batch-size = 10, shards = 2, attacks = [standard], methods = [pgd],",
            "               epsilons = [0.3], pgd { steps = [2], step-size = 0.1 }, progress-seconds = 0 }",
            "lat.train.models = [natural, standard]",
            "lat.spark.master = \"local[2]\"");
    /** The table's columns in one order for both readers (the catalog puts run_id last). */
    static final String COLUMNS = String.join(", ", EvaluationTable.SCHEMA.fieldNames());

    @Test
    void aSecondReaderSeesByTableNameWhatTheFilesHoldAfterRewritesAndAKilledEvaluate() throws Exception {
        deleteRecursively(WORK);
        Path output = WORK.resolve("output");
        for (String run : List.of("r1", "r2", "r3")) {
            EvaluationFixture.saveModels(settings(output, run), EvaluationFixture.untrainedCnn());
        }

        evaluate(output, "r1", TABLE);
        evaluate(output, "r2", TABLE);
        // r3 written, never registered: an evaluate killed after its write; r2 removed by hand
        evaluate(output, "r3", "");
        deleteRecursively(output.resolve("evaluation/run_id=r2"));
        String before = read("SHOW PARTITIONS " + TABLE, "SELECT count(*) FROM " + TABLE + " WHERE run_id = 'r3'");
        assertEquals(
                List.of("-- SHOW PARTITIONS " + TABLE, "run_id=r1", "run_id=r2"),
                before.lines().limit(3).toList(),
                "before the resync the catalog still lists r2 and not r3:\n" + before);
        assertTrue(before.endsWith("\n0\n"), "r3 is invisible by name before the resync:\n" + before);

        // a rewrite of r1, whose start resyncs the catalog with the files
        evaluate(output, "r1", TABLE);
        String query = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE run_id = '%s' ORDER BY model, attack";
        String after = read("SHOW PARTITIONS " + TABLE, query.formatted("r1"), query.formatted("r3"));
        System.out.println("the second reader:\n" + after);

        SparkSession files = TestData.spark();
        EvaluationTable.read(files, output.toString()).createOrReplaceTempView("files");
        String expected = String.join(
                "\n",
                "-- SHOW PARTITIONS " + TABLE,
                "run_id=r1",
                "run_id=r3",
                "-- " + query.formatted("r1"),
                rows(files, "r1"),
                "-- " + query.formatted("r3"),
                rows(files, "r3"));
        assertEquals(expected + "\n", after, "the catalog's rows are the files' rows");
        assertEquals(4, files.sql("SELECT * FROM files WHERE run_id = 'r1'").count(), "the rewrite replaced r1");
    }

    private static Settings settings(Path output, String run) {
        return TestData.settings(output, EVALUATE + "\nlat.run-id = \"" + run + "\"");
    }

    /** The rows of a run as the files hold them, printed as the reader prints them. */
    private static String rows(SparkSession spark, String run) {
        List<String> lines = new ArrayList<>();
        for (Row row : spark.sql(
                        "SELECT " + COLUMNS + " FROM files WHERE run_id = '" + run + "' ORDER BY model, attack")
                .collectAsList()) {
            lines.add(row.mkString("\t"));
        }
        assertEquals(4, lines.size(), "rows of " + run);
        return String.join("\n", lines);
    }

    /** The metastore and warehouse of this test, for every JVM that opens the catalog. */
    private static List<String> catalogOptions() {
        return List.of(
                "-Dderby.system.home=" + WORK,
                "-Dspark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=" + WORK.resolve("metastore_db")
                        + ";create=true",
                "-Dspark.sql.warehouse.dir=" + WORK.resolve("warehouse"),
                "-Dspark.ui.enabled=false");
    }

    private static void evaluate(Path output, String run, String table) throws Exception {
        Path config = TestData.configFile(
                WORK.resolve(run + ".conf"),
                output,
                EVALUATE + "\nlat.run-id = \"" + run + "\"\nlat.evaluate.table = \"" + table + "\"");
        Path log = WORK.resolve("evaluate-" + run + "-" + System.nanoTime() + ".log");
        LatProcess evaluate =
                LatProcess.run(log, Map.of(), catalogOptions(), 600, "evaluate", "--config", config.toString());
        System.out.printf(
                "evaluate %s (table \"%s\"): exit %d after %.1f s%n",
                run, table, evaluate.status(), evaluate.elapsed().toMillis() / 1000.0);
        assertEquals(0, evaluate.status(), evaluate.toString());
    }

    /** The second reader: {@link CatalogReader} in a JVM of its own; what it printed. */
    private static String read(String... queries) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(List.of(BuildInfo.get("jvm.flags").split(" ")));
        command.addAll(catalogOptions());
        command.add("-Dlog4j2.configurationFile="
                + Path.of("conf/log4j2.properties").toAbsolutePath());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CatalogReader.class.getName()));
        command.addAll(List.of(queries));
        Path out = WORK.resolve("reader-" + System.nanoTime() + ".out");
        Path err = WORK.resolve("reader-" + System.nanoTime() + ".err");
        Process reader = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean done = reader.waitFor(300, TimeUnit.SECONDS);
        reader.destroyForcibly();
        assertTrue(done && reader.exitValue() == 0, "the reader failed:\n" + Files.readString(err));
        return Files.readString(out);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
