package lat.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import lat.attack.LocalizedAttack;
import lat.config.Settings;
import lat.config.TrainSettings;
import lat.data.DataError;
import lat.data.Mnist;
import lat.data.MnistSplit;
import lat.io.HadoopFiles;
import lat.io.OutputLayout;
import lat.model.Cnn;
import lat.model.ModelKind;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * The {@code train} job for one model kind: Algorithm 1 on Spark with DL4J's gradient-sharing
 * parameter server. The driver only plans and checkpoints; executors read their shard of the
 * training digits, craft each minibatch's adversarial examples against their live network
 * ({@link LiveTraining}) and fit it; SharedTrainingMaster shares the threshold-encoded updates.
 *
 * <p>Training runs in chunks of {@code lat.train.checkpoint-every} steps, one Spark fit each; after
 * each chunk the driver (which applies every executor's updates) writes a checkpoint, and the
 * executors start the next chunk from it. A rerun of the same run id resumes from the last
 * complete checkpoint; a model whose metadata exists is complete and skipped unless forced.
 */
public final class TrainJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKPOINT_PREFIX = "step-";

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
     * @param force retrain from scratch even when a complete model or checkpoints exist
     * @return the model's metadata (read back when skipped)
     */
    public TrainingMetadata train(ModelKind kind, boolean force) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(layout.modelDir(kind), hadoop);
        if (force) {
            fs.delete(layout.modelDir(kind), true);
        } else if (fs.exists(layout.metadataFile(kind)) && fs.exists(layout.modelFile(kind))) {
            log.printf("%s: already trained (%s); --force retrains it%n", kind, layout.modelFile(kind));
            return readMetadata(kind);
        }
        TrainSettings train = settings.train();
        MnistSplit digits = Mnist.load(settings.data().dir(), Mnist.Split.TRAIN, settings.data().trainExamples(), hadoop);
        long totalSteps = train.totalSteps(digits.size());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int shards = train.shards() > 0 ? train.shards() : sc.defaultParallelism();
        if (shards > digits.size()) {
            throw new DataError("lat.train.shards = " + shards + " exceeds the " + digits.size() + " training digits");
        }
        MinibatchSchedule schedule = new MinibatchSchedule(digits.size(), shards, train.batchSize(), settings.seed());
        LocalizedAttack attack = kind.trainingAttack()
                .map(a -> new LocalizedAttack(a, settings.attack(), train.pgd()))
                .orElse(null);

        Checkpoint resumed = latestCheckpoint(kind);
        MultiLayerNetwork network = resumed != null
                ? ModelStore.load(resumed.file().toString(), hadoop)
                : Cnn.build(settings.model(), train.learningRate(), settings.seed());
        long startStep = resumed != null ? resumed.step() : 0;
        double priorSeconds = resumed != null ? resumed.wallSeconds() : 0;
        if (resumed != null) {
            log.printf("%s: resuming from checkpoint at step %d (%s)%n", kind, startStep, resumed.file());
        }

        AeronDirectory.claim();
        String training = settings.runId() + "/" + kind.id() + "/" + System.nanoTime();
        Path statsDir = new Path(layout.checkpointDir(kind), "executor-stats-" + Long.toHexString(System.nanoTime()));
        SharedTrainingMaster master = trainingMaster(sc);
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, master);
        sparkNetwork.setListeners(new CraftingListener(training, statsDir.toString()));
        List<Integer> shardIds = IntStream.range(0, shards).boxed().toList();

        log.printf("%s: training %d steps of %d on %d shards (%s PGD), %d digits%n", kind, totalSteps,
                train.batchSize(), shards, attack == null ? "no" : attack.kind() + ", " + train.pgd().steps() + "-step",
                digits.size());
        long started = System.nanoTime();
        String syncFrom = null;
        int chunk = 0;
        for (long from = startStep; from < totalSteps; from += train.checkpointEvery(), chunk++) {
            long to = Math.min(totalSteps, from + train.checkpointEvery());
            String description = String.format("train %s: steps %d-%d of %d", kind, from, to, totalSteps);
            sc.setJobGroup("lat-train-" + kind.id(), description, false);
            long chunkStart = System.nanoTime();
            JavaRDD<DataSet> minibatches = sc.parallelize(shardIds, shards)
                    .mapPartitions(new ShardMinibatches(settings.data().dir(), digits.size(), schedule, attack,
                            new EpsilonRamp(train.epsilonRampSteps()), settings.seed() ^ kind.ordinal(), from, to,
                            chunk, syncFrom))
                    .setName(description);
            sparkNetwork.fit(minibatches);
            minibatches.unpersist(false);
            master.getUpdatesConsumer().flush();
            network.setIterationCount((int) to);
            double wallSeconds = priorSeconds + (System.nanoTime() - started) / 1e9;
            Path checkpoint = saveCheckpoint(kind, network, to, wallSeconds);
            syncFrom = checkpoint.toString();
            TrainingStats stats = TrainingStats.read(statsDir, hadoop);
            double chunkSeconds = (System.nanoTime() - chunkStart) / 1e9;
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = elapsed / (to - startStep) * (totalSteps - to);
            log.printf("%s: step %d/%d (%.0f%%)  %.1f examples/s  loss %.4f  elapsed %s  ETA %s%n", kind, to,
                    totalSteps, 100.0 * to / totalSteps, (to - from) * train.batchSize() / chunkSeconds,
                    stats.lastChunkLoss(), duration(elapsed), duration(eta));
        }
        double wallSeconds = priorSeconds + (System.nanoTime() - started) / 1e9;
        TrainingStats stats = TrainingStats.read(statsDir, hadoop);
        TrainingMetadata metadata = TrainingMetadata.of(settings, kind, digits, network, totalSteps, startStep,
                wallSeconds, (totalSteps - startStep) * train.batchSize() / ((System.nanoTime() - started) / 1e9),
                shards, stats);
        if (stats.executors().size() > 1 && stats.executors().stream().anyMatch(e -> e.updatesReceived() == 0)) {
            log.printf("%s: WARNING: an executor received no updates from the others: it trained alone "
                    + "(check lat.train.parameter-server ports and network mask); see %s%n", kind, layout.metadataFile(kind));
        }
        ModelStore.save(network, layout.modelFile(kind).toString(), hadoop);
        HadoopFiles.writeAtomically(layout.metadataFile(kind), hadoop,
                out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, metadata));
        fs.delete(layout.checkpointDir(kind), true);
        log.printf("%s: done in %s; clean training loss %.4f, accuracy %.4f; staleness %s; wrote %s%n", kind,
                duration(wallSeconds), metadata.trainLoss(), metadata.trainAccuracy(), stats.staleness(),
                layout.modelFile(kind));
        return metadata;
    }

    private SharedTrainingMaster trainingMaster(JavaSparkContext sc) {
        TrainSettings.ParameterServer ps = settings.train().parameterServer();
        String controller = !ps.controllerAddress().isEmpty() ? ps.controllerAddress()
                : sc.master().startsWith("local") ? "127.0.0.1"
                : sc.getConf().get("spark.driver.host", "127.0.0.1");
        VoidConfiguration.VoidConfigurationBuilder voidConfiguration = VoidConfiguration.builder()
                .portSupplier(new ExecutorPortSupplier(ps.port()))
                .controllerAddress(controller);
        if (!ps.networkMask().isEmpty()) {
            voidConfiguration.networkMask(ps.networkMask());
        }
        int batchSize = settings.train().batchSize();
        return new SharedTrainingMaster.Builder(voidConfiguration.build(), batchSize)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(ps.threshold()))
                .batchSizePerWorker(batchSize)
                .workersPerNode(ps.workersPerNode())
                // Direct: the minibatches reach the executors as they are (Export would save them as plain DataSets).
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartitionData(Repartition.Never)
                .repartitioner(new KeepPartitions())
                .collectTrainingStats(false)
                .rngSeed(settings.seed())
                .build();
    }

    /** A complete checkpoint: the model zip exists (it is renamed into place last). */
    private record Checkpoint(Path file, long step, double wallSeconds) {
    }

    private Path saveCheckpoint(ModelKind kind, MultiLayerNetwork network, long step, double wallSeconds)
            throws IOException {
        Path dir = layout.checkpointDir(kind);
        String name = String.format("%s%012d", CHECKPOINT_PREFIX, step);
        HadoopFiles.writeAtomically(new Path(dir, name + ".json"), hadoop,
                out -> JSON.writeValue(out, Map.of("step", step, "wallSeconds", wallSeconds)));
        Path zip = new Path(dir, name + ".zip");
        ModelStore.save(network, zip.toString(), hadoop);
        // keep the newest two: the one just written and, should it prove unreadable, its predecessor
        FileSystem fs = HadoopFiles.fileSystem(dir, hadoop);
        List<Long> steps = checkpointSteps(kind);
        for (long old : steps.subList(0, Math.max(0, steps.size() - 2))) {
            String oldName = String.format("%s%012d", CHECKPOINT_PREFIX, old);
            fs.delete(new Path(dir, oldName + ".zip"), false);
            fs.delete(new Path(dir, oldName + ".json"), false);
        }
        return zip;
    }

    private Checkpoint latestCheckpoint(ModelKind kind) throws IOException {
        List<Long> steps = checkpointSteps(kind);
        if (steps.isEmpty()) {
            return null;
        }
        long step = steps.get(steps.size() - 1);
        String name = String.format("%s%012d", CHECKPOINT_PREFIX, step);
        Path dir = layout.checkpointDir(kind);
        double wallSeconds = 0;
        FileSystem fs = HadoopFiles.fileSystem(dir, hadoop);
        Path json = new Path(dir, name + ".json");
        if (fs.exists(json)) {
            try (InputStream in = fs.open(json)) {
                wallSeconds = JSON.readTree(in).path("wallSeconds").asDouble(0);
            }
        }
        return new Checkpoint(new Path(dir, name + ".zip"), step, wallSeconds);
    }

    /** Steps of the complete checkpoints, ascending. */
    private List<Long> checkpointSteps(ModelKind kind) throws IOException {
        Path dir = layout.checkpointDir(kind);
        FileSystem fs = HadoopFiles.fileSystem(dir, hadoop);
        List<Long> steps = new ArrayList<>();
        if (!fs.exists(dir)) {
            return steps;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(CHECKPOINT_PREFIX) && name.endsWith(".zip")) {
                steps.add(Long.parseLong(name.substring(CHECKPOINT_PREFIX.length(), name.length() - 4)));
            }
        }
        steps.sort(null);
        return steps;
    }

    private TrainingMetadata readMetadata(ModelKind kind) {
        try (InputStream in = HadoopFiles.fileSystem(layout.metadataFile(kind), hadoop).open(layout.metadataFile(kind))) {
            return JSON.readValue(in, TrainingMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + layout.metadataFile(kind), e);
        }
    }

    /** h:mm:ss */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
