package lat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import lat.core.BuildInfo;
import lat.io.records.TrainingMetadata;
import lat.io.records.WorkerStats;
import lat.spark.GpuBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on a real Spark standalone cluster on loopback: a Master and two Workers, each its own
 * JVM started from the project's Maven jars, each Worker offering three cores and two GPUs (a fake
 * {@code nvidia-smi} on its PATH, found by submit/gpu-discovery.sh: there is no GPU here). Two
 * trainings run at once, as Airflow runs them:
 * <ul>
 *   <li>A, through {@code submit/spark-submit.sh} in client mode, one GPU per executor, with
 *       spark-submit options the script must pass through untouched (--queue, --files,
 *       --driver-java-options carrying a -Dlat key, dynamic allocation switched on as managed
 *       clusters do);</li>
 *   <li>B, through plain SparkSubmit in cluster deploy mode: the driver runs on a Worker, the lat
 *       settings come from target/lat-spark-defaults.conf (--properties-file), the profile from
 *       inside the jar (--config tiny), the paths from LAT_* environment variables.</li>
 * </ul>
 * Proves what local mode cannot: in both applications the executors exchange threshold-encoded
 * updates (a run that finishes proves nothing: docs/design.md), so the two trainings on one host did not collide
 * on parameter-server ports; each executor trains and crafts its own shard, against its live
 * network; and each of A's executors bound the GPU its Worker assigned it.
 */
class StandaloneClusterIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path WORK = ROOT.resolve("target/it-cluster");
    static final List<Process> daemons = new ArrayList<>();
    /** The fake GPUs of each Worker: nvidia-smi indices. */
    static final List<List<String>> GPUS = List.of(List.of("0", "1"), List.of("2", "3"));

    static final List<Integer> workerUiPorts = new ArrayList<>();
    static String masterUrl;
    static int webUiPort;

    @BeforeAll
    static void startCluster() throws Exception {
        deleteRecursively(WORK);
        Path sparkHome = WORK.resolve("spark-home");
        NamespaceCluster.assembleSparkHome(sparkHome);

        int masterPort = freePort();
        webUiPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        daemons.add(daemon(
                sparkHome,
                "master",
                null,
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(webUiPort)));
        for (int i = 1; i <= 2; i++) {
            Path workDir = Files.createDirectories(WORK.resolve("worker-" + i));
            Path fakeBin = Files.createDirectories(WORK.resolve("worker-" + i + "-bin"));
            Path nvidiaSmi = fakeBin.resolve("nvidia-smi");
            Files.writeString(nvidiaSmi, "#!/bin/sh\nprintf '" + String.join("\\n", GPUS.get(i - 1)) + "\\n'\n");
            nvidiaSmi.toFile().setExecutable(true);
            int uiPort = freePort();
            workerUiPorts.add(uiPort);
            daemons.add(daemon(
                    sparkHome,
                    "worker-" + i,
                    fakeBin,
                    "org.apache.spark.deploy.worker.Worker",
                    masterUrl,
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "3",
                    "--memory",
                    "4g",
                    "--work-dir",
                    workDir.toString(),
                    "--webui-port",
                    String.valueOf(uiPort)));
        }
        awaitAliveWorkers(2, 300); // minutes when other builds load the machine
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
    void twoTrainingsAtOnceOneInClusterModeExchangeUpdatesAndUseTheirGpus() throws Exception {
        Path output = WORK.resolve("output");
        Path config = WORK.resolve("cluster.conf");
        TestData.configFile(
                config,
                output,
                String.join(
                        "\n",
                        "lat.model { conv1-channels = 8, conv2-channels = 16, dense-units = 128 }",
                        "lat.train { steps = 60, checkpoint-every = 30, learning-rate = 1e-3, shards = 2,",
                        "            pgd { steps = 3, step-size = 0.1 } }"));
        Path jar = Files.list(ROOT.resolve("target"))
                .filter(p -> p.getFileName().toString().matches("lat-.*-spark\\.jar"))
                .findFirst()
                .orElseThrow();
        Path extraFile = Files.writeString(WORK.resolve("shipped.txt"), "shipped with --files\n");

        ProcessBuilder wrapper = new ProcessBuilder(
                "bash",
                "submit/spark-submit.sh",
                "--master",
                masterUrl,
                "--executors",
                "2",
                "--gpu",
                "--executor-memory",
                "1g",
                "--driver-memory",
                "1g",
                "--jar",
                jar.toString(),
                "--queue",
                "default",
                "--files",
                extraFile.toString(),
                "--driver-java-options",
                "-Dlat.run-id=cluster -Dspark.ui.enabled=false",
                "--conf",
                "spark.dynamicAllocation.enabled=true",
                "--",
                "train",
                "-c",
                config.toString(),
                "--model",
                "broad-mask");
        ProcessBuilder plain = new ProcessBuilder(
                javaBin(),
                "-cp",
                Files.readString(ROOT.resolve("target/classpath.txt")).trim(),
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                masterUrl,
                "--deploy-mode",
                "cluster",
                "--properties-file",
                ROOT.resolve("target/lat-spark-defaults.conf").toString(),
                "--conf",
                "spark.standalone.submit.waitAppCompletion=true",
                "--class",
                "lat.cli.Main",
                "--total-executor-cores",
                "2",
                "--executor-cores",
                "1",
                "--executor-memory",
                "1g",
                "--driver-memory",
                "1g",
                "--conf",
                "spark.ui.enabled=false",
                jar.toString(),
                "train",
                "--config",
                "tiny",
                "--model",
                "standard");
        TestData.sha256Assignments().forEach(sum -> plain.command().addAll(List.of("--set", sum)));
        // a standalone cluster-mode driver gets the environment of spark-submit
        plain.environment().put("LAT_OUTPUT_DIR", output.toString());
        plain.environment().put("LAT_DATA_DIR", TestData.mnistDir());
        Process a = start(wrapper, "submit-a.log");
        Process b = start(plain, "submit-b.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        boolean finishedA = a.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        boolean finishedB = b.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        a.destroyForcibly();
        b.destroyForcibly();
        assertTrue(
                finishedA && a.exitValue() == 0,
                "A (client mode) failed:\n" + tail(Files.readString(WORK.resolve("submit-a.log"))) + executorLogs());
        assertTrue(
                finishedB && b.exitValue() == 0,
                "B (cluster mode) failed:\n" + tail(Files.readString(WORK.resolve("submit-b.log"))) + executorLogs());

        // A: the run id came through --driver-java-options; one GPU per executor, bound as assigned
        TrainingMetadata trainedA =
                assertExchangedUpdates(output.resolve("models/cluster/broad-mask-seed42/metadata.json"), 60, 30);
        Map<String, String> assigned = gpusAssignedByWorkers();
        Map<String, String> bound = new TreeMap<>();
        for (WorkerStats executor : trainedA.executors()) {
            GpuBinding gpu = executor.gpu();
            assertNotNull(gpu, executor.executor() + " recorded no GPU");
            assertEquals(Integer.parseInt(gpu.address()), gpu.cudaDevice(), "every GPU visible: device = address");
            assertFalse(gpu.bound(), "CPU backend: nothing to bind");
            bound.put(executor.executor().substring(0, executor.executor().indexOf('@')), gpu.address());
        }
        assertEquals(assigned, bound, "the GPU each Worker assigned reached the executor's device selection");
        // B: driver on a Worker, --config tiny from the jar (20 steps, checkpoints every 10)
        TrainingMetadata trainedB =
                assertExchangedUpdates(output.resolve("models/tiny/standard-seed42/metadata.json"), 20, 10);
        trainedB.executors().forEach(executor -> assertNull(executor.gpu(), "B asked for no GPU"));
    }

    private static TrainingMetadata assertExchangedUpdates(Path file, long steps, long chunk) throws IOException {
        return assertExchangedUpdates(
                new ObjectMapper().readValue(file.toFile(), TrainingMetadata.class), steps, chunk);
    }

    /** Two executor JVMs each trained and crafted whole chunks of the two shards, live, and heard each other. */
    static TrainingMetadata assertExchangedUpdates(TrainingMetadata metadata, long steps, long chunk) {
        assertEquals(steps, metadata.steps());
        assertEquals(Map.of(0L, steps), metadata.staleness(), "crafted against the live parameters");
        assertEquals(Map.of(0, steps / 2, 1, steps / 2), metadata.craftedPerShard());
        assertEquals(2, metadata.executors().size(), "two executor JVMs trained: " + metadata.executors());
        Set<Integer> shardsSeen = new HashSet<>();
        for (WorkerStats executor : metadata.executors()) {
            assertTrue(
                    !executor.executor().startsWith("driver"), "an executor, not the driver: " + executor.executor());
            // Spark may hand a shard to either executor from one chunk to the next; each chunk of a
            // shard is trained, and crafted, whole by the executor that runs it.
            executor.craftedPerShard()
                    .values()
                    .forEach(count -> assertEquals(
                            0,
                            count % (chunk / 2),
                            "whole chunks of a shard per executor: " + executor.craftedPerShard()));
            shardsSeen.addAll(executor.fittedPerShard().keySet());
            assertTrue(executor.updatesSent() > 0, executor.executor() + " sent no updates");
            assertTrue(executor.updatesReceived() > 0, executor.executor() + " received no updates: it trained alone");
        }
        assertEquals(Set.of(0, 1), shardsSeen);
        return metadata;
    }

    /** Executor id -> GPU address, as the Workers allocated them (their JSON status), for executors given a GPU. */
    private static Map<String, String> gpusAssignedByWorkers() throws IOException {
        Map<String, String> assigned = new TreeMap<>();
        for (int port : workerUiPorts) {
            JsonNode status;
            try (InputStream in =
                    URI.create("http://127.0.0.1:" + port + "/json/").toURL().openStream()) {
                status = new ObjectMapper().readTree(in);
            }
            for (String list : List.of("executors", "finishedexecutors")) {
                for (JsonNode executor : status.path(list)) {
                    JsonNode gpu = executor.path("resources").path("gpu").path("addresses");
                    if (gpu.size() > 0) {
                        assigned.put(executor.path("id").asText(), gpu.get(0).asText());
                    }
                }
            }
        }
        return assigned;
    }

    private static Process start(ProcessBuilder builder, String log) throws IOException {
        builder.directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(log).toFile());
        builder.environment().remove("SPARK_HOME");
        return builder.start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A Master or Worker JVM; a Worker with {@code fakeBin} first on its PATH and the GPUs found there. */
    private static Process daemon(Path sparkHome, String name, Path fakeBin, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaBin(), "-Xmx512m", "-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties")));
        if (fakeBin != null) {
            // the standalone Worker settings of docs/cluster.md, "Cluster use"
            command.addAll(List.of(
                    "-Dspark.worker.resource.gpu.amount=2",
                    "-Dspark.worker.resource.gpu.discoveryScript=" + ROOT.resolve("submit/gpu-discovery.sh")));
        }
        command.addAll(List.of(BuildInfo.get("jvm.flags").split(" ")));
        command.addAll(List.of(
                "-cp", sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        if (fakeBin != null) {
            builder.environment().put("PATH", fakeBin + File.pathSeparator + System.getenv("PATH"));
        }
        return builder.start();
    }

    /** Polls the master's JSON status page until {@code count} workers are alive. */
    private static void awaitAliveWorkers(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String status = "";
        while (System.nanoTime() < deadline) {
            try (InputStream in = URI.create("http://127.0.0.1:" + webUiPort + "/json/")
                    .toURL()
                    .openStream()) {
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
            // executors' stderr; a cluster-mode driver's stdout and stderr
            for (Path file : files.filter(p -> p.getFileName().toString().equals("stderr")
                            || p.getFileName().toString().equals("stdout")
                                    && p.getParent().getFileName().toString().startsWith("driver-"))
                    .toList()) {
                logs.append("\n--- ").append(file).append('\n').append(tail(Files.readString(file)));
            }
        }
        return logs.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
