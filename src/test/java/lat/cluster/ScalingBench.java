package lat.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scaling of adversarial training from 1 executor to 2, measured, not asserted (a benchmark, run on
 * demand, not by {@code mvn verify}):
 * <pre>
 *   mvn -B package -DskipTests && mvn -B failsafe:integration-test -Dit.test=ScalingBench
 * </pre>
 * A {@link NamespaceCluster} of two hosts, each Worker (and so its executor) pinned to a core of its
 * own with one ND4J/OpenMP thread, the driver unpinned in the root namespace. The same total work
 * for both: the local profile's CNN and training PGD (5 steps of 0.03; {@code -Dscaling.pgd-steps=40}
 * for the paper's 40, the step size scaled to keep 1.5 x eps), 200 minibatch steps of 50 in chunks
 * of 50 ({@code -Dscaling.steps}, {@code -Dscaling.chunk}), with {@code lat.train.shards} = executors. Throughput is that of the
 * chunks after the first (the first includes the JVMs' and the parameter server's start-up),
 * read from the progress lines, in pairs (1, 2, 1, 2, ...) so that a change of machine load shows.
 * Prints a Markdown table (also written to target/scaling.md) with the cores the driver and the
 * executors kept busy in steady state, and the load average.
 */
class ScalingBench {
    static final int STEPS = Integer.getInteger("scaling.steps", 200);
    static final int CHUNK = Integer.getInteger("scaling.chunk", 50);
    /** Training PGD steps: 5 as the local profile; 40 is the paper's. */
    static final int PGD_STEPS = Integer.getInteger("scaling.pgd-steps", 5);

    static final int PAIRS = Integer.getInteger("scaling.pairs", 2);
    private static final Pattern PROGRESS = Pattern.compile(": step (\\d+)/\\d+ .*?([\\d.]+) examples/s");

    @Test
    void adversarialTrainingThroughputWithOneAndTwoExecutors() throws Exception {
        Path work = Path.of("target/bench-scaling").toAbsolutePath();
        NamespaceCluster.deleteRecursively(work);
        Files.createDirectories(work);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%d steps in chunks of %d, %d-step training PGD", STEPS, CHUNK, PGD_STEPS));
        rows.add("");
        rows.add("| executors | steady examples/s (chunks 2-" + STEPS / CHUNK + ") | per chunk "
                + "| driver, cores busy | executors, cores busy | load average before |");
        rows.add("|---|---|---|---|---|---|");
        double[] sums = new double[3];
        try (NamespaceCluster cluster = NamespaceCluster.start(
                work.resolve("cluster"), NamespaceCluster.Options.of(2, 1).pinned())) {
            ClusterSubmit submit = new ClusterSubmit(cluster, work);
            for (int pair = 0; pair < PAIRS; pair++) {
                for (int executors = 1; executors <= 2; executors++) {
                    String run = "scaling-" + executors + "-" + pair;
                    Path config = submit.config(
                            run + ".conf",
                            work.resolve("output"),
                            Path.of(lat.TestData.mnistDir()),
                            // the local profile's CNN, eps and training PGD (tiny.conf's 2 steps put back to 5)
                            "lat.data.train-examples = 2000",
                            "lat.train { steps = " + STEPS + ", checkpoint-every = " + CHUNK + ", shards = "
                                    + executors,
                            "  pgd { steps = " + PGD_STEPS + ", step-size = " + 0.15 / PGD_STEPS + " } }");
                    String load = Files.readString(Path.of("/proc/loadavg")).trim();
                    Process train = submit.executors(executors)
                            .start(run, "train", "-c", config.toString(), "--run-id", run, "--model", "standard");
                    CpuShare cpu = CpuShare.of(train, cluster, work.resolve(run + ".log"));
                    if (ClusterSubmit.await(train, 1200) != 0) {
                        throw new AssertionError("train failed:\n" + submit.tail(run));
                    }
                    List<Double> chunks = chunkThroughputs(submit.log(run));
                    double steady = chunks.subList(1, chunks.size()).stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow();
                    sums[executors] += steady;
                    rows.add(String.format(
                            Locale.ROOT,
                            "| %d | %.1f | %s | %.2f | %.2f | %s |",
                            executors,
                            steady,
                            chunks,
                            cpu.driverCores(),
                            cpu.executorCores(),
                            load));
                }
            }
        }
        rows.add("");
        rows.add(String.format(
                Locale.ROOT, "speed-up 1 -> 2 executors (means of %d runs each): %.2fx", PAIRS, sums[2] / sums[1]));
        String table = String.join("\n", rows);
        System.out.println(table);
        Files.writeString(Path.of("target/scaling.md"), table + "\n");
    }

    /**
     * CPU use of a training's driver JVM and of its executors in steady state: from the first
     * progress line (the first chunk, with the JVMs' and the parameter server's start-up, is over)
     * to the end. Sampled every 200 ms on a thread of their own; an ended process has no samples,
     * so each JVM counts as its last.
     */
    static final class CpuShare {
        private final Map<Long, Double> driver = new ConcurrentHashMap<>();
        private final Map<Long, Double> executors = new ConcurrentHashMap<>();
        private volatile double[] atFirstChunk; // {nanoTime, driver CPU s, executors' CPU s}
        private volatile double[] last;

        static CpuShare of(Process wrapper, NamespaceCluster cluster, Path log) {
            CpuShare share = new CpuShare();
            Thread sampler = new Thread(() -> {
                while (wrapper.isAlive()) {
                    wrapper.descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("java"))
                            .forEach(p -> sample(p, share.driver));
                    for (int host = 1; host <= 2; host++) {
                        cluster.executors(host).forEach(p -> sample(p, share.executors));
                    }
                    double[] now = {System.nanoTime(), sum(share.driver), sum(share.executors)};
                    share.last = now;
                    try {
                        if (share.atFirstChunk == null && Files.readString(log).contains(": step " + CHUNK + "/")) {
                            share.atFirstChunk = now;
                        }
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            return share;
        }

        private static void sample(ProcessHandle process, Map<Long, Double> seconds) {
            process.info().totalCpuDuration().ifPresent(d -> seconds.put(process.pid(), d.toNanos() / 1e9));
        }

        private static double sum(Map<Long, Double> seconds) {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Cores the driver kept busy in steady state (1.0 = one core all the time). */
        double driverCores() {
            return (last[1] - atFirstChunk[1]) / ((last[0] - atFirstChunk[0]) / 1e9);
        }

        /** Cores the executors kept busy in steady state. */
        double executorCores() {
            return (last[2] - atFirstChunk[2]) / ((last[0] - atFirstChunk[0]) / 1e9);
        }
    }

    /** examples/s of each chunk, from the progress lines of a training's log. */
    static List<Double> chunkThroughputs(String log) {
        List<Double> rates = new ArrayList<>();
        Matcher matcher = PROGRESS.matcher(log);
        while (matcher.find()) {
            rates.add(Double.parseDouble(matcher.group(2)));
        }
        if (rates.size() != STEPS / CHUNK) {
            throw new AssertionError("expected " + STEPS / CHUNK + " progress lines:\n" + log);
        }
        return rates;
    }
}
