package lat.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * lat commands submitted to a {@link NamespaceCluster} through submit/spark-submit.sh in client
 * mode, the driver in the root namespace on the bridge's address, as a user submits from an edge
 * node. One executor per host; the parameter server on one fixed port on every host.
 */
final class ClusterSubmit {
    /** The parameter server's UDP port: the same on the driver's host and every executor's. */
    static final int PARAMETER_SERVER_PORT = 40123;

    private final NamespaceCluster cluster;
    private final Path work;
    private final List<String> sparkConf = new ArrayList<>();
    private final List<String> submitOptions = new ArrayList<>();
    private int executors = 2;

    ClusterSubmit(NamespaceCluster cluster, Path work) {
        this.cluster = cluster;
        this.work = work;
    }

    /** Later submissions ask for {@code count} executors (one core each); 2 unless set. */
    ClusterSubmit executors(int count) {
        executors = count;
        return this;
    }

    /** Adds {@code --conf key=value} to every later submission. */
    ClusterSubmit conf(String keyValue) {
        sparkConf.add(keyValue);
        return this;
    }

    /** Adds an option of submit/spark-submit.sh (such as {@code --s3a}) to every later submission. */
    ClusterSubmit option(String option) {
        submitOptions.add(option);
        return this;
    }

    /**
     * The tiny profile on the committed MNIST slice (fetched into {@code data}), output in
     * {@code output} (shared by every "host", like NFS), the multi-host parameter-server settings,
     * and {@code extra} on top.
     */
    Path config(String name, Path output, Path data, String... extra) throws IOException {
        return config(name, output.toString(), data.toString(), extra);
    }

    /** As {@link #config(String, Path, Path, String...)} for any Hadoop paths (s3a://, file://). */
    Path config(String name, String output, String data, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "include required(file(\"" + Path.of("conf/tiny.conf").toAbsolutePath() + "\"))",
                "lat.output-dir = \"" + output + "\"",
                "lat.data.dir = \"" + data + "\"",
                "lat.train.shards = 2",
                "lat.train.parameter-server { port = " + PARAMETER_SERVER_PORT + ", same-port = true,",
                "  network-mask = \"" + NamespaceCluster.NETWORK_MASK + "\" }"));
        lines.addAll(TestData.sha256Assignments());
        lines.addAll(List.of(extra));
        return Files.writeString(work.resolve(name), String.join("\n", lines) + "\n");
    }

    /** Starts a lat command; its output goes to {@code <work>/<log>.log}. */
    Process start(String log, String... latArgs) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path jar;
        try (var files = Files.list(root.resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("lat-.*-spark\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "submit/spark-submit.sh",
                "--master",
                cluster.masterUrl(),
                "--executors",
                String.valueOf(executors),
                "--executor-memory",
                "1g",
                "--driver-memory",
                "1g",
                "--jar",
                jar.toString(),
                "--conf",
                "spark.driver.host=" + NamespaceCluster.DRIVER_ADDRESS,
                "--conf",
                "spark.driver.bindAddress=" + NamespaceCluster.DRIVER_ADDRESS,
                "--conf",
                "spark.ui.enabled=false"));
        command.addAll(submitOptions);
        for (String keyValue : sparkConf) {
            command.addAll(List.of("--conf", keyValue));
        }
        command.add("--");
        command.addAll(List.of(latArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(log + ".log").toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().put("SPARK_LOCAL_IP", NamespaceCluster.DRIVER_ADDRESS);
        // marks the driver JVM, so that a later cluster removes it if this test is killed
        builder.environment().put("SPARK_SUBMIT_OPTS", NamespaceCluster.MARKER);
        return builder.start();
    }

    /** Waits for a command; its exit status, or -1 (it is killed) when it takes longer than {@code seconds}. */
    static int await(Process process, int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /** Runs a lat command and fails, with its log and the cluster's, unless it exits with status 0 in time. */
    void succeeds(String log, int seconds, String... latArgs) throws Exception {
        int status = await(start(log, latArgs), seconds);
        if (status != 0) {
            throw new AssertionError("lat " + String.join(" ", latArgs)
                    + (status < 0 ? " took over " + seconds + " s" : " exited with status " + status) + ":\n"
                    + tail(log) + cluster.logs());
        }
    }

    /** A command's output. */
    String log(String log) throws IOException {
        return Files.readString(work.resolve(log + ".log"));
    }

    /** The end of a command's output, for failure messages. */
    String tail(String log) throws IOException {
        String text = log(log);
        return text.length() <= 8000 ? text : text.substring(text.length() - 8000);
    }

    /** Rows in the Parquet files of a table partition, from their footers. */
    static long evaluationRows(Path partition) throws IOException {
        long rows = 0;
        try (var files = Files.list(partition)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .toList()) {
                try (ParquetFileReader reader = ParquetFileReader.open(
                        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }
}
