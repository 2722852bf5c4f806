package lat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lat.TestData;
import lat.core.DataError;
import lat.core.ModelKind;
import lat.core.StallError;
import lat.io.records.TrainingMetadata;
import lat.io.records.WorkerStats;
import lat.model.ModelStore;
import lat.s3.S3PipelineIT;
import lat.s3.S3Server;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline and its faults on a cluster of two "hosts" ({@link NamespaceCluster}), every
 * command submitted through submit/spark-submit.sh from the root namespace, as a user submits from
 * an edge node. The parameter server runs as on a real cluster with one executor per host: the
 * driver and both executors on one fixed UDP port ({@code same-port}), reaching each other over the
 * namespaces' /24 ({@code network-mask}). Failure detection is bounded by Spark's timeouts, set as
 * docs/cluster.md advises (spark.network.timeout 30 s, heartbeats every 3 s; the
 * standalone daemons' spark.worker.timeout 15 s); a hang Spark cannot see, in DL4J's parameter
 * server, by {@code lat.train.chunk-timeout} (2 minutes here, chunks take seconds).
 *
 * <p>Each fault test states what was lost; the expected answer is nothing: every model that is
 * complete is complete and loads, and a rerun of the same run id finishes from the last checkpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostClusterIT {
    static final Path WORK = Path.of("target/it-multihost").toAbsolutePath();
    static final Path OUTPUT = WORK.resolve("output");
    static final String MODEL = "standard";
    /** Where {@link #MODEL} goes: its model id with the default training seed, lat.seed = 42. */
    static final String MODEL_DIR = MODEL + "-seed42";
    /** Fault tests train 40 steps in 4 chunks, so there is a checkpoint before the end to fault after. */
    static final long FAULT_STEPS = 40;

    static NamespaceCluster cluster;
    static ClusterSubmit submit;
    static Path faultsConfig;
    /** Process ids of the JVMs the fault tests killed. */
    static final List<Long> KILLED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        NamespaceCluster.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        cluster = NamespaceCluster.start(
                WORK.resolve("cluster"),
                NamespaceCluster.Options.of(2, 1).withDaemonProperties("-Dspark.worker.timeout=15"));
        submit = submitter();
        // the fault tests read the committed slice where it is, so that they also run on their own
        faultsConfig = submit.config(
                "faults.conf",
                OUTPUT,
                Path.of(TestData.mnistDir()),
                "lat.train { steps = " + FAULT_STEPS + ", checkpoint-every = 10, chunk-timeout = 2m }");
    }

    /** Submissions with bounded failure detection (the class comment). */
    static ClusterSubmit submitter() {
        return new ClusterSubmit(cluster, WORK)
                .conf("spark.network.timeout=30s")
                .conf("spark.executor.heartbeatInterval=3s")
                .conf("spark.network.timeoutInterval=10s"); // Spark requires it <= the block managers' timeout
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The whole pipeline with MNIST, checkpoints, models, the table and the report on S3 (a real S3
     * server, S3Proxy, listening on the bridge so that every host reaches it), through S3A with the
     * magic committer, credentials as {@code spark.hadoop.fs.s3a.*} settings; then the store's every
     * object and every line the commands printed are searched for the credentials.
     */
    @Test
    @Order(1)
    void fetchTrainEvaluateReportOnS3AcrossHostsOnOnePort() throws Exception {
        String bucket = "lat";
        try (S3Server s3 = S3Server.startOn(WORK.resolve("s3"), NamespaceCluster.DRIVER_ADDRESS, bucket)) {
            ClusterSubmit onS3 = submitter().option("--s3a");
            s3.hadoopSettings().forEach((key, value) -> onS3.conf("spark.hadoop." + key + "=" + value));
            S3PipelineIT.committerOptions().forEach(option -> onS3.conf(option.substring("-D".length())));
            Path config = onS3.config("pipeline.conf", "s3a://" + bucket + "/lat", "s3a://" + bucket + "/mnist");
            onS3.succeeds("fetch", 300, "fetch-data", "-c", config.toString(), "--from", TestData.mnistDir());
            onS3.succeeds("train", 1500, "train", "-c", config.toString());
            onS3.succeeds("evaluate", 600, "evaluate", "-c", config.toString());
            onS3.succeeds("report", 300, "report", "-c", config.toString());

            Path output = s3.storeDir().resolve(bucket).resolve("lat"); // the store keeps each object as a file
            for (ModelKind kind : ModelKind.values()) {
                assertExchangedBetweenHosts(output.resolve("models/tiny/" + kind.id() + "-seed42/metadata.json"));
                assertTrue(
                        Files.size(output.resolve("models/tiny/" + kind.id() + "-seed42/model.zip")) > 0,
                        kind + ": model.zip");
            }
            assertEquals(
                    List.of(output.resolve("evaluation/run_id=tiny/part-00000.parquet")),
                    S3PipelineIT.objectsUnder(output.resolve("evaluation/run_id=tiny")),
                    "the partition is one object");
            assertEquals(
                    25,
                    ClusterSubmit.evaluationRows(output.resolve("evaluation/run_id=tiny")),
                    "5 models x 5 inputs in the evaluation table");
            assertTrue(Files.size(output.resolve("report/tiny/index.html")) > 0);
            assertEquals(List.of(), S3PipelineIT.objectsUnder(output.resolve(".lat-staging")), "no staging leftovers");

            List<Path> searched = new java.util.ArrayList<>(S3PipelineIT.objectsUnder(s3.storeDir()));
            for (String log : List.of("fetch", "train", "evaluate", "report")) {
                searched.add(WORK.resolve(log + ".log"));
            }
            for (Path file : searched) {
                String content = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(
                        content.contains(S3Server.SECRET_KEY) || content.contains(S3Server.ACCESS_KEY),
                        file + " holds a credential");
            }
        }
    }

    /**
     * SIGKILL of an executor JVM after the first checkpoint. Two things go wrong in DL4J, both seen
     * here before lat handled them: the Worker's replacement executor rejoins the parameter server
     * on the dead one's address ("Got request from known node ... Remapping") and its first task
     * waits forever; and the survivor's updates, relayed through the dead node, stop reaching the
     * driver, whose model (the one checkpointed) stood still for the rest of the run. So lat
     * dismisses an executor that registers mid-training, and fails a chunk that left the driver's
     * parameters unchanged (exit 4); the rerun resumes from the checkpoint. A survivor whose
     * updates still arrive completes the run. Lost: nothing; the model learned to the end.
     */
    @Test
    @Order(2)
    void executorKilledMidTraining() throws Exception {
        String run = "kill-executor";
        Process train = trainUntilCheckpoint(run);
        List<ProcessHandle> executors = cluster.executors(1);
        assertFalse(executors.isEmpty(), "no executor on host 1");
        executors.forEach(ProcessHandle::destroyForcibly);
        executors.forEach(executor -> KILLED.add(executor.pid()));
        // the Master replaces the killed executor on host 1; while training runs, lat dismisses it
        Set<Long> killed = executors.stream().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
        long replacedAt = 0;
        while (train.isAlive() && replacedAt == 0) {
            replacedAt = cluster.executors(1).stream().anyMatch(p -> !killed.contains(p.pid())) ? System.nanoTime() : 0;
            Thread.sleep(100);
        }
        int status = ClusterSubmit.await(train, 600);
        double trainedOn = replacedAt == 0 ? 0 : (System.nanoTime() - replacedAt) / 1e9;
        System.out.printf(
                "kill-executor: %s%n",
                replacedAt == 0
                        ? "training ended before a replacement executor came"
                        : String.format("training ran %.0f s after a replacement executor started", trainedOn));
        if (trainedOn > 30) { // long enough for it to register with the driver
            assertTrue(submit.log(run).contains("joined after training began; dismissed"), submit.tail(run));
        }
        finishOrRerun(run, status);
        assertCompleteModel(run);
    }

    /** Host 2's link taken down after the first checkpoint, for good: bounded detection. Lost: nothing. */
    @Test
    @Order(3)
    void workerCutOffMidTraining() throws Exception {
        String run = "link-down";
        Process train = trainUntilCheckpoint(run);
        cluster.setLink(2, false);
        try {
            // Detection within spark.network.timeout + the chunk; nothing hangs (bounded at 5 minutes).
            int status = ClusterSubmit.await(train, 300);
            assertNotEquals(-1, status, "train hung with host 2 cut off:\n" + submit.tail(run) + cluster.logs());
            System.out.printf("link down: train exited with status %d%n%s%n", status, lastLines(submit.log(run), 3));
            if (status != 0) {
                assertClearError(run, status);
            }
        } finally {
            cluster.setLink(2, true);
            // the cut-off executor cannot hear that its application ended
            cluster.executors(2).forEach(ProcessHandle::destroyForcibly);
        }
        cluster.awaitAliveWorkers(120);
        if (!Files.exists(OUTPUT.resolve("models/" + run + "/" + MODEL_DIR + "/metadata.json"))) {
            rerun(run);
        }
        assertCompleteModel(run);
    }

    /** SIGKILL of the driver after the first checkpoint; a rerun of the run id resumes. Lost: nothing. */
    @Test
    @Order(4)
    void driverKilledMidTraining() throws Exception {
        String run = "kill-driver";
        Process train = trainUntilCheckpoint(run);
        long driver = killDriver(train);
        assertFalse(
                Files.exists(OUTPUT.resolve("models/" + run + "/" + MODEL_DIR + "/model.zip")),
                "no model.zip from a killed training");
        rerun(run);
        assertTrue(submit.log(run + "-rerun").contains("resuming from checkpoint"), submit.tail(run + "-rerun"));
        assertCompleteModel(run);
        KILLED.add(driver);
    }

    /**
     * SIGKILL of the driver during evaluate, while a reader polls the run's partition; then a rerun.
     * Every snapshot the reader takes is the old partition or the new one, whole (or, between the
     * swap's two renames, none). Lost: nothing.
     */
    @Test
    @Order(5)
    void driverKilledDuringEvaluation() throws Exception {
        // the model of driverKilledMidTraining, evaluated once (the old partition), then again
        String[] evaluateArgs = {"evaluate", "-c", faultsConfig.toString(), "--run-id", "kill-driver", "--models", MODEL
        };
        Path partition = OUTPUT.resolve("evaluation/run_id=kill-driver");
        submit.succeeds("evaluate-first", 600, evaluateArgs);
        Set<String> old = partitionFiles(partition);
        assertFalse(old.isEmpty(), "the first evaluate wrote the partition");
        PartitionReader reader = new PartitionReader(partition);
        reader.start();
        try {
            Process evaluate = submit.start("evaluate-killed", evaluateArgs);
            // the executors are at work on the cells
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (cluster.executors(1).isEmpty() || cluster.executors(2).isEmpty()) {
                assertTrue(
                        evaluate.isAlive() && System.nanoTime() < deadline,
                        "evaluate started no executors:\n" + submit.tail("evaluate-killed"));
                Thread.sleep(200);
            }
            Thread.sleep(5000);
            killDriver(evaluate);
            assertEquals(old, partitionFiles(partition), "a killed evaluate left the old partition as it was");
            submit.succeeds("evaluate-rerun", 600, evaluateArgs);
        } finally {
            reader.stop();
        }
        Set<String> fresh = partitionFiles(partition);
        assertNotEquals(old, fresh, "the rerun replaced the partition");
        assertEquals(5, ClusterSubmit.evaluationRows(partition), "one model x 5 inputs");
        System.out.printf("evaluation reader: %s%n", reader.seen);
        assertTrue(
                reader.seen.keySet().stream()
                        .allMatch(snapshot -> snapshot.equals(old) || snapshot.equals(fresh) || snapshot.isEmpty()),
                "a reader saw a mix: " + reader.seen.keySet());
        assertTrue(
                reader.seen.containsKey(old) && reader.seen.containsKey(fresh), "the reader saw both: " + reader.seen);
    }

    /**
     * The JVMs SIGKILLed above left their Aeron and Spark scratch directories; the lat JVMs started
     * after them on this host (the later tests') removed them.
     */
    @Test
    @Order(6)
    void killedJvmsLeaveNoScratchDirectories() {
        assertFalse(KILLED.isEmpty(), "the fault tests killed JVMs");
        for (long pid : KILLED) {
            assertFalse(
                    Files.exists(Path.of("/dev/shm/lat-aeron-" + pid)),
                    "Aeron directory of killed JVM " + pid + " left");
            assertFalse(
                    Files.exists(Path.of(System.getProperty("java.io.tmpdir"), "lat-spark-" + pid)),
                    "Spark scratch directory of killed JVM " + pid + " left");
        }
    }

    /** Both executors trained, each on its own host, and each heard the other through the mesh. */
    static TrainingMetadata assertExchangedBetweenHosts(Path file) throws IOException {
        TrainingMetadata metadata = new ObjectMapper().readValue(file.toFile(), TrainingMetadata.class);
        if (!metadata.staleness().isEmpty()) { // empty for natural training, which crafts nothing
            assertEquals(
                    Map.of(0L, metadata.steps()), metadata.staleness(), file + ": crafted against the live parameters");
        }
        assertEquals(2, metadata.executors().size(), file + ": two executor JVMs trained: " + metadata.executors());
        Set<String> hosts = new HashSet<>();
        for (WorkerStats executor : metadata.executors()) {
            hosts.add(executor.executor().substring(executor.executor().indexOf('@') + 1));
            assertTrue(executor.updatesSent() > 0, file + ": " + executor.executor() + " sent no updates");
            assertTrue(
                    executor.updatesReceived() > 0,
                    file + ": " + executor.executor() + " received no updates from the other host: it trained alone");
        }
        assertEquals(
                Set.of(NamespaceCluster.workerAddress(1), NamespaceCluster.workerAddress(2)),
                hosts,
                file + ": each executor on its own host");
        return metadata;
    }

    /** Starts training the fault tests' model for {@code run}; returns once its first checkpoint is written. */
    private static Process trainUntilCheckpoint(String run) throws Exception {
        Process train = submit.start(run, "train", "-c", faultsConfig.toString(), "--run-id", run, "--model", MODEL);
        awaitCheckpoint(run, train);
        return train;
    }

    /** Trains {@code run} again, to completion: it resumes from the last checkpoint. */
    private static void rerun(String run) throws Exception {
        submit.succeeds(run + "-rerun", 600, "train", "-c", faultsConfig.toString(), "--run-id", run, "--model", MODEL);
    }

    /** Waits for the first checkpoint of a training, failing if the training ends first. */
    private static void awaitCheckpoint(String run, Process train) throws Exception {
        Path checkpoints = OUTPUT.resolve("models/" + run + "/" + MODEL_DIR + "/checkpoints");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (true) {
            if (Files.isDirectory(checkpoints)) {
                try (var files = Files.list(checkpoints)) {
                    if (files.anyMatch(p -> p.getFileName().toString().matches("step-\\d+\\.zip"))) {
                        return;
                    }
                }
            }
            assertTrue(
                    train.isAlive(),
                    "training ended before its first checkpoint:\n" + submit.tail(run) + cluster.logs());
            assertTrue(
                    System.nanoTime() < deadline, "no checkpoint in 8 minutes:\n" + submit.tail(run) + cluster.logs());
            Thread.sleep(200);
        }
    }

    /**
     * After a training that met a fault ended with {@code status} (-1: still running when awaited):
     * it completed, or it failed in time with one clear line, and then a rerun of the run id completes.
     */
    private static void finishOrRerun(String run, int status) throws Exception {
        assertNotEquals(-1, status, "train hung after the fault:\n" + submit.tail(run) + cluster.logs());
        System.out.printf("%s: train exited with status %d%n%s%n", run, status, lastLines(submit.log(run), 3));
        if (status != 0) {
            assertClearError(run, status);
            rerun(run);
        }
    }

    /** A failed command's last line says what happened, in lat's one-line form (no stack trace at the end). */
    private static void assertClearError(String run, int status) throws IOException {
        String last = lastLines(submit.log(run), 1);
        assertTrue(
                status == 1 || status == DataError.EXIT_CODE || status == StallError.EXIT_CODE,
                "exit status " + status + ":\n" + submit.tail(run));
        assertFalse(last.startsWith("\tat ") || last.isBlank(), "no clear message at the end:\n" + submit.tail(run));
    }

    /** The model of the run is complete: metadata with every step, a zip that loads, no checkpoints left. */
    private static void assertCompleteModel(String run) throws IOException {
        Path dir = OUTPUT.resolve("models/" + run + "/" + MODEL_DIR);
        TrainingMetadata metadata =
                new ObjectMapper().readValue(dir.resolve("metadata.json").toFile(), TrainingMetadata.class);
        assertEquals(FAULT_STEPS, metadata.steps());
        // a chunk that failed and was rerun counts twice
        assertEquals(Set.of(0L), metadata.staleness().keySet(), "crafted against the live parameters");
        assertTrue(
                metadata.staleness().get(0L) >= FAULT_STEPS, "every step's minibatch crafted: " + metadata.staleness());
        // the driver's model learned to the end: a model cut off from the executors' updates keeps one accuracy
        List<Double> accuracies =
                metadata.curve().stream().map(point -> point.cleanAccuracy()).toList();
        assertTrue(
                new HashSet<>(accuracies.subList(1, accuracies.size())).size() > 1,
                "the model stood still: " + accuracies);
        assertTrue(ModelStore.load(dir.resolve("model.zip").toString(), new Configuration())
                        .numParams()
                > 0);
        assertFalse(Files.exists(dir.resolve("checkpoints")), "checkpoints removed once complete");
    }

    /** SIGKILL to the driver JVM (the java child of the wrapper script), then waits for the script; its pid. */
    private static long killDriver(Process wrapper) throws InterruptedException {
        List<ProcessHandle> drivers = wrapper.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .toList();
        assertEquals(1, drivers.size(), "one driver JVM under the wrapper: " + drivers);
        drivers.get(0).destroyForcibly();
        assertTrue(wrapper.waitFor(60, TimeUnit.SECONDS), "the wrapper did not end with its driver");
        return drivers.get(0).pid();
    }

    /**
     * A partition's version: each Parquet file's name with a hash of its bytes (a partition is one
     * file of a fixed name, so the name alone does not tell old from new; their rows' created_at do).
     */
    private static Set<String> partitionFiles(Path partition) throws IOException {
        if (!Files.isDirectory(partition)) {
            return Set.of();
        }
        List<Path> parquet;
        try (var files = Files.list(partition)) {
            parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
        Set<String> version = new TreeSet<>();
        for (Path file : parquet) {
            version.add(file.getFileName() + ":" + java.util.Arrays.hashCode(Files.readAllBytes(file)));
        }
        return version;
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Polls a partition's Parquet files as a reader would, counting each distinct snapshot. */
    static final class PartitionReader {
        final Map<Set<String>, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private final Path partition;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        PartitionReader(Path partition) {
            this.partition = partition;
            this.thread = new Thread(this::poll, "partition-reader");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        private void poll() {
            while (running.get()) {
                try {
                    seen.merge(partitionFiles(partition), 1, Integer::sum);
                } catch (IOException vanishedWhileListing) {
                    seen.merge(Set.of(), 1, Integer::sum);
                }
            }
        }
    }
}
