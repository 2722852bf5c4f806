package lat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import lat.core.BuildInfo;
import lat.train.TrainingMetadata;
import lat.train.WorkerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on a real Spark standalone cluster on loopback: a Master and two Workers, each its own
 * JVM started from the project's Maven jars, two executor JVMs, submitted with
 * {@code submit/spark-submit.sh} and the shaded jar. Proves what local mode cannot: the executors
 * exchange threshold-encoded updates (a run that finishes proves nothing: docs/design.md), each trains
 * and crafts its own shard, against its live network.
 */
class StandaloneClusterIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path WORK = ROOT.resolve("target/it-cluster");
    static final List<Process> daemons = new ArrayList<>();
    static String masterUrl;
    static int webUiPort;

    @BeforeAll
    static void startCluster() throws Exception {
        deleteRecursively(WORK);
        Path sparkHome = WORK.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        // SPARK_HOME/jars: what a worker puts on its executors' classpath
        for (String jar : Files.readString(ROOT.resolve("target/classpath.txt")).trim().split(File.pathSeparator)) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(sparkHome.resolve("jars").resolve(source.getFileName()), source);
        }
        Files.copy(ROOT.resolve("conf/log4j2.properties"), sparkHome.resolve("conf/log4j2.properties"));

        int masterPort = freePort();
        webUiPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        daemons.add(daemon(sparkHome, "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(webUiPort)));
        for (int i = 1; i <= 2; i++) {
            Path workDir = Files.createDirectories(WORK.resolve("worker-" + i));
            daemons.add(daemon(sparkHome, "worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl,
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "3g", "--work-dir", workDir.toString(),
                    "--webui-port", String.valueOf(freePort())));
        }
        awaitAliveWorkers(2, 90);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (Process daemon : daemons) {
            daemon.destroy();
        }
        for (Process daemon : daemons) {
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void twoExecutorsTrainTheirOwnShardsAndExchangeUpdates() throws Exception {
        Path output = WORK.resolve("output");
        Path config = WORK.resolve("cluster.conf");
        Files.writeString(config, String.join("\n",
                "lat.run-id = cluster",
                "lat.output-dir = \"" + output + "\"",
                "lat.data { dir = \"" + TestData.mnistDir() + "\", train-examples = 2000, test-examples = 500 }",
                "lat.evaluate.examples = 500",
                "lat.model { conv1-channels = 8, conv2-channels = 16, dense-units = 128 }",
                "lat.train { steps = 60, checkpoint-every = 30, learning-rate = 1e-3, shards = 2,",
                "            pgd { steps = 3, step-size = 0.1 }, parameter-server.port = " + (freePort() / 2 + 1024) + " }"));
        Path jar = Files.list(ROOT.resolve("target"))
                .filter(p -> p.getFileName().toString().matches("lat-.*-spark\\.jar")).findFirst().orElseThrow();

        ProcessBuilder submit = new ProcessBuilder("bash", "submit/spark-submit.sh", "--master", masterUrl,
                "--executors", "2", "--executor-memory", "2g", "--driver-memory", "2g", "--jar", jar.toString(),
                "--", "train", "-c", config.toString(), "--model", "broad-mask")
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("submit.log").toFile());
        submit.environment().remove("SPARK_HOME");
        Process process = submit.start();
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(WORK.resolve("submit.log"));
        assertTrue(finished && process.exitValue() == 0, "spark-submit failed:\n" + tail(log) + executorLogs());

        TrainingMetadata metadata = new ObjectMapper().readValue(
                output.resolve("models/cluster/broad-mask/metadata.json").toFile(), TrainingMetadata.class);
        assertEquals(60, metadata.steps());
        assertEquals(Map.of(0L, 60L), metadata.staleness(), "crafted against the live parameters");
        assertEquals(Map.of(0, 30L, 1, 30L), metadata.craftedPerShard());
        assertEquals(2, metadata.executors().size(), "two executor JVMs trained: " + metadata.executors());
        Set<Integer> shardsSeen = new HashSet<>();
        for (WorkerStats executor : metadata.executors()) {
            assertTrue(!executor.executor().startsWith("driver"), "an executor, not the driver: " + executor.executor());
            // Spark may hand a shard to either executor from one chunk to the next; each chunk of a
            // shard is trained, and crafted, whole by the executor that runs it.
            executor.craftedPerShard().values().forEach(count -> assertEquals(0, count % 30,
                    "whole chunks of a shard per executor: " + executor.craftedPerShard()));
            shardsSeen.addAll(executor.fittedPerShard().keySet());
            assertTrue(executor.updatesSent() > 0, executor.executor() + " sent no updates");
            assertTrue(executor.updatesReceived() > 0, executor.executor() + " received no updates: it trained alone");
        }
        assertEquals(Set.of(0, 1), shardsSeen);
    }

    private static Process daemon(Path sparkHome, String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties")));
        command.addAll(List.of(BuildInfo.get("jvm.flags").split(" ")));
        command.addAll(List.of("-cp", sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*",
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** Polls the master's JSON status page until {@code count} workers are alive. */
    private static void awaitAliveWorkers(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String status = "";
        while (System.nanoTime() < deadline) {
            try (InputStream in = URI.create("http://127.0.0.1:" + webUiPort + "/json/").toURL().openStream()) {
                status = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                long alive = status.split("\"state\" : \"ALIVE\"", -1).length - 1;
                if (alive >= count) {
                    return;
                }
            } catch (IOException notYetUp) {
                // the master is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the standalone cluster did not come up with " + count + " workers: " + status);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** The executors' stderr, for a failure message. */
    private static String executorLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(WORK)) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                logs.append("\n--- ").append(file).append('\n').append(tail(Files.readString(file)));
            }
        }
        return logs.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
