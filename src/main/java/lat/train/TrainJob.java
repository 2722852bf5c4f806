package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.Settings;
import lat.config.TrainSettings;
import lat.core.ConfigError;
import lat.core.Durations;
import lat.core.ModelKind;
import lat.core.Seeds;
import lat.core.StallError;
import lat.data.Digits;
import lat.data.Mnist;
import lat.io.HadoopFiles;
import lat.io.JsonFiles;
import lat.io.OutputLayout;
import lat.model.Cnn;
import lat.model.ModelStore;
import lat.spark.TimedJobs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The {@code train} job for one model kind: Algorithm 1 on Spark with DL4J's gradient-sharing
 * parameter server ({@link GradientSharing}). The driver only plans and checkpoints; executors read
 * their shard of the training digits ({@link ShardMinibatches}), craft each minibatch's adversarial
 * examples against their live network ({@link LiveTraining}) and fit it.
 *
 * <p>Training runs in chunks of {@code lat.train.checkpoint-every} steps, one Spark fit each; after
 * each chunk the driver (which applies every executor's updates) writes a checkpoint, and the
 * executors start the next chunk from it. A rerun of the same run id resumes from the last
 * complete checkpoint; a model whose metadata exists is complete and skipped unless forced.
 */
public final class TrainJob {
    /** The final model is scored on up to this many clean training digits for its metadata. */
    private static final int SCORED_DIGITS = 10_000;
    private static final int SCORING_BATCH = 500;
    /** Clean training digits each point of the training curve is scored on: cheap enough for every checkpoint. */
    static final int CURVE_DIGITS = 1_000;

    private final SparkSession spark;
    private final Settings settings;
    private final OutputLayout layout;
    private final Configuration hadoop;
    private final PrintStream log;

    public TrainJob(SparkSession spark, Settings settings, PrintStream log) {
        this.spark = spark;
        this.settings = settings;
        this.layout = new OutputLayout(settings.outputDir(), settings.runId());
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        this.log = log;
    }

    /**
     * Trains {@code kind} to its configured length, or skips it when already complete.
     *
     * @param force retrain from scratch even when a complete model or checkpoints exist; the
     *              complete model is replaced only when the new one is
     * @return the model's metadata (read back when skipped)
     */
    public TrainingMetadata train(ModelKind kind, boolean force) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int shards = shards(sc, settings.data().trainExamples());
        Map<String, String> identity = TrainingIdentity.of(settings, kind, shards);
        if (!force && isComplete(kind)) {
            TrainingMetadata done = JsonFiles.read(layout.metadataFile(kind), TrainingMetadata.class, hadoop);
            TrainingIdentity.requireSame(done.trainedWith(), identity, "model " + kind + " of run " + settings.runId()
                    + " (" + layout.modelFile(kind) + ")");
            log.printf("%s: already trained (%s); --force retrains it%n", kind, layout.modelFile(kind));
            return done;
        }
        TrainSettings train = settings.train();
        // the data is checked before anything is removed: a forced retrain on bad data loses nothing
        Digits digits = Mnist.load(settings.data(), Mnist.Split.TRAIN, settings.data().trainExamples(), hadoop);
        shards(sc, digits.size());
        Checkpoints checkpoints = new Checkpoints(layout.checkpointDir(kind), hadoop);
        if (force) {
            checkpoints.clear();
        }
        Checkpoints.Resumed start = start(kind, checkpoints, identity);
        MultiLayerNetwork network = start.network();

        LocalizedAttack attack = kind.trainingAttack()
                .map(a -> new LocalizedAttack(a, settings.attack(), train.pgd()))
                .orElse(null);
        long totalSteps = train.totalSteps(digits.size());
        MinibatchSchedule schedule = new MinibatchSchedule(digits.size(), shards, train.batchSize(), settings.seed());
        Path statsDir = TrainingStats.sessionDir(layout.checkpointDir(kind));
        AeronDirectory.claim();
        SharedTrainingMaster master = GradientSharing.trainingMaster(sc, settings);
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, master);
        sparkNetwork.setListeners(new CraftingListener(settings.runId() + "/" + kind + "/" + System.nanoTime(),
                statsDir.toString()));
        List<Integer> shardIds = IntStream.range(0, shards).boxed().toList();

        log.printf("%s: training %d steps of %d on %d shards (%s PGD), %d digits%n", kind, totalSteps,
                train.batchSize(), shards, attack == null ? "no" : attack.kind() + ", " + train.pgd().steps() + "-step",
                digits.size());
        Progress progress = new Progress(kind, totalSteps, start.note().step(), train.batchSize(), log);
        double lastChunkLoss = start.note().lastChunkLoss();
        List<CurvePoint> curve = new ArrayList<>(start.note().curveSoFar());
        String syncFrom = null;
        int chunk = 0;
        double slowestChunk = 0;
        long updatesSent = 0;
        try (TimedJobs jobs = new TimedJobs(sc);
             LateExecutors late = LateExecutors.dismissFromNow(sc.sc(), kind.toString(), log)) {
            for (long from = start.note().step(); from < totalSteps; from += train.checkpointEvery(), chunk++) {
                long to = Math.min(totalSteps, from + train.checkpointEvery());
                long chunkStart = System.nanoTime();
                ShardMinibatches minibatches = new ShardMinibatches(settings.data().dir(), digits.size(), schedule,
                        attack, new EpsilonRamp(train.epsilonRampSteps()), Seeds.of(settings.seed(), kind.id()), from,
                        to, chunk, syncFrom);
                String description = String.format("train %s: steps %d-%d of %d", kind, from, to, totalSteps);
                INDArray before = network.params().dup();
                boolean finished = jobs.runWithin(train.chunkTimeout(), "lat-train-" + kind.id(), description, () -> {
                    JavaRDD<DataSet> rdd = sc.parallelize(shardIds, shards).mapPartitions(minibatches)
                            .setName(description);
                    sparkNetwork.fit(rdd);
                    rdd.unpersist(false);
                });
                if (!finished) {
                    throw stalled(description, from, slowestChunk);
                }
                master.getUpdatesConsumer().flush();
                TrainingStats sessionSoFar = TrainingStats.read(statsDir, hadoop);
                // Below the encoding threshold an executor sends nothing, and its last updates may
                // still be on their way: a standstill counts only past two updates per shard.
                long sentInChunk = sessionSoFar.updatesSent() - updatesSent;
                updatesSent = sessionSoFar.updatesSent();
                if (sentInChunk > 2L * shards && before.sub(network.params()).amaxNumber().doubleValue() == 0) {
                    throw cutOff(description, from, sentInChunk);
                }
                network.setIterationCount((int) to);
                lastChunkLoss = sessionSoFar.lastChunkLoss();
                double wallSoFar = start.note().wallSeconds() + progress.elapsedSeconds();
                curve.add(new CurvePoint(to, lastChunkLoss, score(network, digits, CURVE_DIGITS).cleanAccuracy(),
                        wallSoFar));
                Checkpoints.Note note = new Checkpoints.Note(to, wallSoFar, lastChunkLoss, identity,
                        List.copyOf(curve));
                syncFrom = checkpoints.save(network, note).toString();
                double seconds = (System.nanoTime() - chunkStart) / 1e9;
                slowestChunk = Math.max(slowestChunk, seconds);
                progress.chunkDone(from, to, seconds, lastChunkLoss);
            }
        }
        // every application's executors, should this one have resumed a killed one
        TrainingStats stats = TrainingStats.readSessions(layout.checkpointDir(kind), hadoop);
        TrainingStats thisSession = TrainingStats.read(statsDir, hadoop);
        double wallSeconds = start.note().wallSeconds() + progress.elapsedSeconds();
        TrainingMetadata metadata = TrainingMetadata.of(settings, kind, digits, totalSteps, start.note().step(),
                wallSeconds, totalSteps * train.batchSize() / wallSeconds, shards,
                score(network, digits, SCORED_DIGITS), lastChunkLoss, curve, stats, identity);
        publish(kind, network, metadata, checkpoints);
        log.printf("%s: done in %s; clean training loss %.4f, accuracy %.4f; staleness %s; wrote %s%n", kind,
                Durations.hms(wallSeconds), metadata.trainLoss(), metadata.trainAccuracy(), stats.staleness(),
                layout.modelFile(kind));
        warnIfAnExecutorTrainedAlone(kind, thisSession);
        return metadata;
    }

    /** The error of a chunk that overran {@code lat.train.chunk-timeout}; what is checkpointed is kept. */
    private StallError stalled(String description, long from, double slowestChunk) {
        String before = slowestChunk > 0 ? "the slowest chunk before it took " + Durations.hms(slowestChunk)
                : "it was this run's first chunk";
        return new StallError(description + " did not finish within lat.train.chunk-timeout = "
                + Durations.hocon(settings.train().chunkTimeout()) + " (" + before + "): an executor or "
                + "DL4J's parameter-server handshake is stuck; its Spark job was cancelled. " + resumption(from));
    }

    /**
     * The error of a chunk whose updates never reached the driver. Seen after an executor died: the
     * survivors kept fitting and sending, but through the mesh node that died, so the driver's model
     * (the one checkpointed) stood still for the rest of the run, silently.
     */
    private StallError cutOff(String description, long from, long sent) {
        return new StallError(description + ": none of the " + sent + " updates the executors sent reached the "
                + "driver (its parameters did not change): DL4J's parameter-server mesh lost a node, an executor or "
                + "host that died, and does not heal. " + resumption(from));
    }

    /** What a rerun does after a chunk that started at {@code from} failed. */
    private String resumption(long from) {
        return from > 0 ? "The checkpoint at step " + from + " is kept: rerun run id " + settings.runId()
                + " to resume from it" : "Nothing was checkpointed yet: a rerun of run id " + settings.runId()
                + " starts over";
    }

    /** The newest readable checkpoint (trained with {@code identity}), or a freshly initialised network. */
    private Checkpoints.Resumed start(ModelKind kind, Checkpoints checkpoints, Map<String, String> identity)
            throws IOException {
        Checkpoints.Resumed resumed = checkpoints.resume(log).orElse(null);
        if (resumed == null) {
            MultiLayerNetwork fresh = Cnn.build(settings.model(), settings.train().learningRate(), settings.seed());
            return new Checkpoints.Resumed(fresh, new Checkpoints.Note(0, 0, Double.NaN, identity, List.of()), null);
        }
        TrainingIdentity.requireSame(resumed.note().trainedWith(), identity, "the checkpoint " + resumed.file());
        log.printf("%s: resuming from checkpoint at step %d (%s)%n", kind, resumed.note().step(), resumed.file());
        return resumed;
    }

    /** The model scored on (up to) the first {@code count} clean training digits, for its metadata. */
    private static BatchedAttack.Outcome score(MultiLayerNetwork network, Digits digits, int count) {
        return BatchedAttack.natural(CnnInputGradient.of(network), digits.head(Math.min(count, digits.size())),
                SCORING_BATCH);
    }

    /** Writes the model, then its metadata (whose presence marks a complete model), then drops the checkpoints. */
    private void publish(ModelKind kind, MultiLayerNetwork network, TrainingMetadata metadata, Checkpoints checkpoints)
            throws IOException {
        ModelStore.save(network, layout.modelFile(kind).toString(), hadoop);
        JsonFiles.write(layout.metadataFile(kind), metadata, hadoop);
        checkpoints.clear();
    }

    private boolean isComplete(ModelKind kind) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(layout.modelDir(kind), hadoop);
        return fs.exists(layout.metadataFile(kind)) && fs.exists(layout.modelFile(kind));
    }

    /** {@code lat.train.shards}, or one per task slot; never more than the {@code digits}. */
    private int shards(JavaSparkContext sc, int digits) {
        int shards = settings.train().shards() > 0 ? settings.train().shards() : sc.defaultParallelism();
        if (shards > digits) {
            throw new ConfigError("lat.train.shards = " + shards + (settings.train().shards() > 0 ? "" : " (Spark's "
                    + "default parallelism)") + " exceeds the " + digits + " training digits; set "
                    + "lat.train.shards to at most " + digits);
        }
        return shards;
    }

    private void warnIfAnExecutorTrainedAlone(ModelKind kind, TrainingStats stats) {
        if (stats.executors().size() > 1 && stats.executors().stream().anyMatch(e -> e.updatesReceived() == 0)) {
            log.printf("%s: WARNING: an executor received no updates from the others: it trained alone "
                    + "(check lat.train.parameter-server ports and network mask); see %s%n", kind,
                    layout.metadataFile(kind));
        }
    }
}
