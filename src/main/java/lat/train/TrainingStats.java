package lat.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import lat.io.HadoopFiles;
import lat.io.JsonFiles;
import lat.io.records.WorkerStats;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The executors' {@link WorkerStats} of one training, combined on the driver.
 *
 * @param executors one entry per executor JVM that trained
 */
public record TrainingStats(List<WorkerStats> executors) {

    private static final String SESSION_PREFIX = "executor-stats-";

    /** A new directory under {@code checkpointDir} for this application's executors to write into. */
    static Path sessionDir(Path checkpointDir) {
        return new Path(checkpointDir, SESSION_PREFIX + Long.toHexString(System.nanoTime()));
    }

    /** Every application's executors that trained this model (a resumed training has several). */
    static TrainingStats readSessions(Path checkpointDir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(checkpointDir, conf);
        List<WorkerStats> executors = new ArrayList<>();
        if (fs.exists(checkpointDir)) {
            for (FileStatus session :
                    fs.listStatus(checkpointDir, p -> p.getName().startsWith(SESSION_PREFIX))) {
                executors.addAll(read(session.getPath(), conf).executors());
            }
        }
        return new TrainingStats(executors);
    }

    /** Reads every executor's latest statistics from {@code dir} (none yet: no executors). */
    static TrainingStats read(Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        List<WorkerStats> executors = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.getPath().getName().endsWith(".json")) {
                    executors.add(JsonFiles.read(status.getPath(), WorkerStats.class, conf));
                }
            }
        }
        return new TrainingStats(executors);
    }

    /** Histogram over all executors: updates between crafting a minibatch and fitting it. */
    public Map<Long, Long> staleness() {
        return sum(executors.stream().map(WorkerStats::staleness).toList());
    }

    /** Histogram over all executors: updates from other executors that arrived between crafting and fit. */
    public Map<Long, Long> remoteArrivals() {
        return sum(executors.stream().map(WorkerStats::remoteArrivals).toList());
    }

    /** Minibatches crafted, by shard. */
    public Map<Integer, Long> craftedPerShard() {
        return sum(executors.stream().map(WorkerStats::craftedPerShard).toList());
    }

    /** Minibatches fitted, by shard. */
    public Map<Integer, Long> fittedPerShard() {
        return sum(executors.stream().map(WorkerStats::fittedPerShard).toList());
    }

    /** Mean minibatch loss of the latest chunk of this session (on the examples trained on: adversarial ones for attacks). */
    public double lastChunkLoss() {
        double sum =
                executors.stream().mapToDouble(WorkerStats::lastChunkScoreSum).sum();
        long count = executors.stream().mapToLong(WorkerStats::lastChunkScores).sum();
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Threshold-encoded updates the executors sent; empty when an executor could not count its own. */
    public OptionalLong updatesSent() {
        return executors.stream().anyMatch(e -> e.updatesSent() < 0)
                ? OptionalLong.empty()
                : OptionalLong.of(
                        executors.stream().mapToLong(WorkerStats::updatesSent).sum());
    }

    private static <K extends Comparable<K>> Map<K, Long> sum(List<Map<K, Long>> maps) {
        Map<K, Long> total = new TreeMap<>();
        maps.forEach(map -> map.forEach((key, count) -> total.merge(key, count, Long::sum)));
        return total;
    }
}
