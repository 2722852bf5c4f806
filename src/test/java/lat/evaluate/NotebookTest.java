package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/evaluation.ipynb executes headless against a table the test writes: Debian's Jupyter
 * (nbconvert), whose Python kernel drives Spark in its own JVM through JPype.
 */
class NotebookTest {
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");

    @TempDir
    Path dir;

    @Test
    void theEvaluationNotebookRunsAgainstASmallTable() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(JUPYTER), "Debian's jupyter is not installed (see .ci/run)");
        Path project = Path.of("").toAbsolutePath();
        assertTrue(Files.isRegularFile(project.resolve("target/classpath.txt")), "the build writes the classpath");
        SparkSession spark = TestData.spark();
        try {
            EvaluationFixture.evaluate(spark, dir.resolve("output"), "notebook-run", EvaluationFixture.untrainedCnn());
        } finally {
            spark.stop();
        }

        Path log = dir.resolve("nbconvert.log");
        ProcessBuilder nbconvert = new ProcessBuilder(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", dir.toString(), "--output", "executed.ipynb",
                project.resolve("notebooks/evaluation.ipynb").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        nbconvert.environment().putAll(Map.of(
                "LAT_PROJECT_DIR", project.toString(),
                "LAT_EVAL_TABLE", dir.resolve("output/evaluation").toString(),
                "LAT_EVAL_RUN_ID", "notebook-run",
                "JAVA_HOME", System.getProperty("java.home")));
        Process process = nbconvert.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, "nbconvert timed out:\n" + tail(output));
        assertEquals(0, process.exitValue(), "nbconvert failed:\n" + tail(output));

        String executed = Files.readString(dir.resolve("executed.ipynb"));
        assertTrue(executed.contains("notebook-run"), "the run's rows are shown");
        assertTrue(executed.contains("image/png"), "the heat maps are drawn");
        assertTrue(executed.contains("68.1896"), "the paper's numbers are shown");
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
