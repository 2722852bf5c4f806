package lat.train.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import lat.attack.CnnInputGradient;
import lat.config.HadoopConfigurations;
import lat.core.Host;
import lat.io.JsonFiles;
import lat.io.records.WorkerStats;
import lat.model.ModelStore;
import lat.spark.GpuBinding;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training of one model on this executor JVM, and the crafting of Algorithm 1 on its thread.
 *
 * <p>Why per-JVM state: DL4J's SharedTrainingWrapper trains one network per executor JVM on one
 * thread, inside {@code MultiLayerNetwork.fit}, which holds the network's lock for the whole pass.
 * The only user code that runs on that thread between two parameter updates is the minibatch's
 * {@code getFeatures()} (called just before the update) and the listener callbacks. So
 * {@link CraftingListener} tells this class the live network and its thread, and
 * {@link AdversarialDataSet#getFeatures()} crafts here, against the parameters the next update
 * starts from: staleness 0. Crafting never runs on the live network itself (that would clobber its
 * input and gradient state): a {@link CnnInputGradient} copy takes the live parameters before each
 * minibatch, outside DL4J's workspaces.
 *
 * <p>The JVM's state is one object, {@link #current}, replaced as a whole when another model starts
 * training; its counts are touched by the training thread only.
 */
final class LiveTraining {
    /** The model this JVM trains now (null before the first). */
    private static volatile LiveTraining current;

    private final CraftingListener listener;
    private final long receivedAtStart = UpdateCounters.received();
    private final long loopbackAtStart = UpdateCounters.loopback();
    private final Map<Integer, Long> fitted = new TreeMap<>();
    private final Map<Integer, Long> crafted = new TreeMap<>();
    private final Map<Long, Long> staleness = new TreeMap<>();
    private final Map<Long, Long> remoteArrivals = new TreeMap<>();

    /** Set at the start of each pass; read by other threads (DL4J's prefetch thread calls getFeatures too). */
    private volatile Thread trainingThread;

    private volatile boolean active;

    private MultiLayerNetwork network;
    private CnnInputGradient gradient;
    private long updates;
    private int syncedChunk = -1;
    private long craftedAtUpdate = -1;
    private long receivedAtCraft;
    private double craftSeconds;
    private long checkpointSyncs;
    private double passScoreSum;
    private long passScores;

    private LiveTraining(CraftingListener listener) {
        this.listener = listener;
    }

    /** A pass of training starts on the calling thread (onEpochStart). */
    static void started(CraftingListener startedBy, MultiLayerNetwork live) {
        UpdateCounters.subscribe();
        LiveTraining training = current;
        if (training == null || !training.listener.training().equals(startedBy.training())) {
            training = new LiveTraining(startedBy);
            current = training;
        }
        training.startPass(live);
    }

    /** One parameter update was applied (iterationDone, on the training thread). */
    static void updated(double score) {
        LiveTraining training = current;
        if (training != null && training.onTrainingThread()) {
            training.countUpdate(score);
        }
    }

    /** The pass ended (onEpochEnd): publish this JVM's counts for the driver. */
    static void ended() {
        LiveTraining training = current;
        if (training != null && training.onTrainingThread()) {
            training.endPass();
        }
    }

    /**
     * The features {@code minibatch} should train with: adversarial on the training thread during
     * training (crafted once per parameter update, then cached), clean everywhere else.
     */
    static INDArray features(AdversarialDataSet minibatch, INDArray clean) {
        LiveTraining training = current;
        if (training == null || !training.active || !training.onTrainingThread()) {
            return clean;
        }
        return training.craft(minibatch, clean);
    }

    private void startPass(MultiLayerNetwork live) {
        network = live;
        passScoreSum = 0;
        passScores = 0;
        craftedAtUpdate = -1;
        trainingThread = Thread.currentThread();
        active = true;
    }

    private void countUpdate(double score) {
        if (craftedAtUpdate >= 0) {
            staleness.merge(updates - craftedAtUpdate, 1L, Long::sum);
            remoteArrivals.merge(UpdateCounters.received() - receivedAtCraft, 1L, Long::sum);
            craftedAtUpdate = -1;
        }
        updates++;
        passScoreSum += score;
        passScores++;
    }

    private void endPass() {
        active = false;
        String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
        // the host as Spark knows the executor (SPARK_LOCAL_IP where set): tells hosts that share a name apart
        String host = SparkEnv.get() == null
                ? Host.name()
                : SparkEnv.get().blockManager().blockManagerId().host();
        WorkerStats snapshot = new WorkerStats(
                executor + "@" + host,
                Thread.currentThread().getName(),
                new TreeMap<>(fitted),
                new TreeMap<>(crafted),
                new TreeMap<>(staleness),
                new TreeMap<>(remoteArrivals),
                craftSeconds,
                UpdateCounters.sent(network),
                UpdateCounters.received() - receivedAtStart,
                UpdateCounters.loopback() - loopbackAtStart,
                checkpointSyncs,
                passScoreSum,
                passScores,
                GpuBinding.ofCurrentThread());
        Path file = new Path(
                listener.statsDir(), executor + "-" + ProcessHandle.current().pid() + ".json");
        try {
            JsonFiles.write(file, snapshot, HadoopConfigurations.create());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training statistics to " + file, e);
        }
    }

    private INDArray craft(AdversarialDataSet minibatch, INDArray clean) {
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
            if (gradient == null) {
                gradient = CnnInputGradient.of(network);
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
    private void syncToCheckpoint(AdversarialDataSet minibatch) {
        if (minibatch.chunk() <= syncedChunk) {
            return;
        }
        syncedChunk = minibatch.chunk();
        if (minibatch.syncFrom() == null) {
            return;
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            MultiLayerNetwork checkpoint = ModelStore.load(minibatch.syncFrom(), HadoopConfigurations.create());
            network.params().assign(checkpoint.params());
            Updater updater = network.getUpdater(false);
            Updater saved = checkpoint.getUpdater(false);
            if (updater != null
                    && saved != null
                    && updater.getStateViewArray() != null
                    && saved.getStateViewArray() != null) {
                updater.getStateViewArray().assign(saved.getStateViewArray());
            }
        }
        checkpointSyncs++;
    }

    private boolean onTrainingThread() {
        return Thread.currentThread() == trainingThread;
    }
}
