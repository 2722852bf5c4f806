package lat.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import lat.attack.CnnInputGradient;
import lat.io.HadoopFiles;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state of this executor JVM's training thread, and the crafting of Algorithm 1 on it.
 *
 * <p>Why per-JVM static state: DL4J's SharedTrainingWrapper trains one network per executor JVM on
 * one thread, inside {@code MultiLayerNetwork.fit}, which holds the network's lock for the whole
 * pass. The only user code that runs on that thread between two parameter updates is the
 * minibatch's {@code getFeatures()} (called just before the update) and the listener callbacks. So
 * {@link CraftingListener} records the live network and its thread here, and
 * {@link AdversarialDataSet#getFeatures()} crafts here, against the parameters the next update
 * starts from: staleness 0. Crafting never runs on the live network itself (that would clobber its
 * input and gradient state): a {@link CnnInputGradient} copy takes the live parameters before each
 * minibatch, outside DL4J's workspaces.
 */
final class LiveTraining {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile Thread trainingThread;
    private static volatile boolean active;

    // Everything below is touched by the training thread only.
    private static CraftingListener listener;
    private static MultiLayerNetwork network;
    private static CnnInputGradient gradient;
    private static MultiLayerNetwork gradientOwner;
    private static long updates;
    private static int syncedChunk;
    private static long craftedAtUpdate = -1;
    private static long receivedAtCraft;
    private static long receivedAtStart;
    private static long loopbackAtStart;
    private static Map<Integer, Long> fitted;
    private static Map<Integer, Long> crafted;
    private static Map<Long, Long> staleness;
    private static Map<Long, Long> remoteArrivals;
    private static double craftSeconds;
    private static long checkpointSyncs;
    private static double chunkScoreSum;
    private static long chunkScores;

    private LiveTraining() {
    }

    /** A pass of training starts on the calling thread (onEpochStart). */
    static void started(CraftingListener startedBy, MultiLayerNetwork live) {
        UpdateCounters.subscribe();
        if (listener == null || !listener.training().equals(startedBy.training())) {
            resetFor(startedBy);
        }
        network = live;
        chunkScoreSum = 0;
        chunkScores = 0;
        craftedAtUpdate = -1;
        trainingThread = Thread.currentThread();
        active = true;
    }

    /** A new model: this JVM's counts start from zero. */
    private static void resetFor(CraftingListener startedBy) {
        listener = startedBy;
        updates = 0;
        syncedChunk = -1;
        fitted = new TreeMap<>();
        crafted = new TreeMap<>();
        staleness = new TreeMap<>();
        remoteArrivals = new TreeMap<>();
        craftSeconds = 0;
        checkpointSyncs = 0;
        receivedAtStart = UpdateCounters.received();
        loopbackAtStart = UpdateCounters.loopback();
    }

    /** One parameter update was applied (iterationDone, on the training thread). */
    static void updated(double score) {
        if (!onTrainingThread()) {
            return;
        }
        if (craftedAtUpdate >= 0) {
            staleness.merge(updates - craftedAtUpdate, 1L, Long::sum);
            remoteArrivals.merge(UpdateCounters.received() - receivedAtCraft, 1L, Long::sum);
            craftedAtUpdate = -1;
        }
        updates++;
        chunkScoreSum += score;
        chunkScores++;
    }

    /** The pass ended (onEpochEnd): publish this JVM's counts for the driver. */
    static void ended() {
        if (!onTrainingThread()) {
            return;
        }
        active = false;
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        WorkerStats snapshot = new WorkerStats(executor + "@" + hostName(), Thread.currentThread().getName(),
                new TreeMap<>(fitted), new TreeMap<>(crafted), new TreeMap<>(staleness),
                new TreeMap<>(remoteArrivals), craftSeconds, UpdateCounters.sent(network),
                UpdateCounters.received() - receivedAtStart, UpdateCounters.loopback() - loopbackAtStart,
                checkpointSyncs, chunkScoreSum, chunkScores);
        Path file = new Path(listener.statsDir(), executor + "-" + ProcessHandle.current().pid() + ".json");
        try {
            HadoopFiles.writeAtomically(file, new Configuration(), out -> JSON.writeValue(out, snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training statistics to " + file, e);
        }
    }

    /**
     * The features {@code minibatch} should train with: adversarial on the training thread during
     * training (crafted once per parameter update, then cached), clean everywhere else.
     */
    static INDArray features(AdversarialDataSet minibatch, INDArray clean) {
        if (!active || !onTrainingThread()) {
            return clean;
        }
        INDArray cached = minibatch.craftedAt(updates);
        if (cached != null) {
            return cached;
        }
        syncToCheckpoint(minibatch);
        fitted.merge(minibatch.shard(), 1L, Long::sum);
        if (minibatch.attack() == null) {
            minibatch.rememberCrafted(clean, updates);
            return clean;
        }
        long start = System.nanoTime();
        INDArray adversarial;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (gradientOwner != network) {
                gradient = CnnInputGradient.of(network);
                gradientOwner = network;
            } else {
                gradient.syncFrom(network);
            }
            adversarial = minibatch.attack().craft(gradient, clean, minibatch.getLabels(), minibatch.pgdSeed());
        }
        craftSeconds += (System.nanoTime() - start) / 1e9;
        crafted.merge(minibatch.shard(), 1L, Long::sum);
        craftedAtUpdate = updates;
        receivedAtCraft = UpdateCounters.received();
        minibatch.rememberCrafted(adversarial, updates);
        return adversarial;
    }

    /**
     * At the first minibatch of a chunk, starts from the driver's checkpoint of the previous
     * chunk: DL4J drops the updates an executor receives between two fit calls, so without this
     * executors would drift apart from one chunk to the next.
     */
    private static void syncToCheckpoint(AdversarialDataSet minibatch) {
        if (minibatch.chunk() <= syncedChunk) {
            return;
        }
        syncedChunk = minibatch.chunk();
        if (minibatch.syncFrom() == null) {
            return;
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            MultiLayerNetwork checkpoint = ModelStore.load(minibatch.syncFrom(), new Configuration());
            network.params().assign(checkpoint.params());
            Updater updater = network.getUpdater(false);
            Updater saved = checkpoint.getUpdater(false);
            if (updater != null && saved != null && updater.getStateViewArray() != null
                    && saved.getStateViewArray() != null) {
                updater.getStateViewArray().assign(saved.getStateViewArray());
            }
        }
        checkpointSyncs++;
    }

    private static boolean onTrainingThread() {
        return Thread.currentThread() == trainingThread;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }
}
