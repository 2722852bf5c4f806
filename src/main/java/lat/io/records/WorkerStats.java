package lat.io.records;

import java.util.Map;
import lat.spark.GpuBinding;

/**
 * What one executor JVM did while training one model, cumulative: written by the executor at the
 * end of each chunk ({@link LiveTraining}), read and combined by the driver.
 *
 * @param executor           Spark executor id ("driver" in local mode) and host, as Spark knows it
 *                           ({@code 1@10.0.0.7}: the address where SPARK_LOCAL_IP sets one)
 * @param trainingThread     name of the thread that fitted and crafted
 * @param fittedPerShard     minibatches fitted, by training shard
 * @param craftedPerShard    minibatches crafted adversarially, by training shard
 * @param staleness          histogram: local parameter updates between the parameters a minibatch was
 *                           crafted against and its fit (0 = crafted against the live parameters)
 * @param remoteArrivals     histogram: updates from other executors that arrived between crafting a
 *                           minibatch and fitting it (they are applied at the start of that fit)
 * @param craftSeconds       time spent crafting
 * @param updatesSent        threshold-encoded updates this JVM sent (-1: unknown)
 * @param updatesReceived    updates that arrived from other JVMs
 * @param updatesLoopback    own updates handed back (a mesh of one JVM)
 * @param checkpointSyncs    times the executor reset its network to the driver's checkpoint at a chunk start
 * @param lastChunkScoreSum  summed minibatch losses of the latest chunk, with
 * @param lastChunkScores    their count
 * @param gpu                the GPU Spark assigned the training thread's task and the CUDA device it
 *                           was bound to; null when the executor was given no GPU
 */
public record WorkerStats(
        String executor,
        String trainingThread,
        Map<Integer, Long> fittedPerShard,
        Map<Integer, Long> craftedPerShard,
        Map<Long, Long> staleness,
        Map<Long, Long> remoteArrivals,
        double craftSeconds,
        long updatesSent,
        long updatesReceived,
        long updatesLoopback,
        long checkpointSyncs,
        double lastChunkScoreSum,
        long lastChunkScores,
        GpuBinding gpu) {}
