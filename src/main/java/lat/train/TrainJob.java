package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lat.config.Settings;
import lat.core.ConfigError;
import lat.core.ModelKind;
import lat.data.Digits;
import lat.data.Mnist;
import lat.io.HadoopFiles;
import lat.io.OutputLayout;
import lat.io.records.TrainingMetadata;
import lat.model.Cnn;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The {@code train} job for one model kind: Algorithm 1 on Spark with DL4J's gradient-sharing
 * parameter server ({@link lat.train.dl4j}). The driver only plans and checkpoints; executors read
 * their shard of the training digits ({@link ShardMinibatches}), craft each minibatch's adversarial
 * examples against their live network and fit it.
 *
 * <p>Training runs in chunks of {@code lat.train.checkpoint-every} steps, one Spark fit each
 * ({@link Chunks}); after each chunk the driver (which applies every executor's updates) writes a
 * checkpoint, and the executors start the next chunk from it. A rerun of the same run id resumes
 * from the last complete checkpoint; a model whose metadata exists is complete and skipped unless
 * forced ({@link Publication}).
 */
public final class TrainJob {
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
            return alreadyTrained(kind, identity);
        }
        // the data is checked before anything is removed: a forced retrain on bad data loses nothing
        Digits digits =
                Mnist.load(settings.data(), Mnist.Split.TRAIN, settings.data().trainExamples(), hadoop);
        shards(sc, digits.size());
        Checkpoints checkpoints = new Checkpoints(layout.checkpointDir(kind), hadoop);
        if (force) {
            checkpoints.clear();
        }
        Checkpoints.Resumed start = start(kind, checkpoints, identity);
        Chunks.Trained trained =
                new Chunks(sc, settings, kind, digits, shards, checkpoints, hadoop, log).run(start, identity);
        return new Publication(settings, layout, hadoop, log)
                .publish(kind, digits, shards, trained, checkpoints, identity);
    }

    /** The metadata of the complete model {@code kind}, once it proves trained with {@code identity}. */
    private TrainingMetadata alreadyTrained(ModelKind kind, Map<String, String> identity) {
        TrainingMetadata done = TrainingMetadata.read(layout.metadataFile(kind), hadoop);
        TrainingIdentity.requireSame(
                done.trainedWith(),
                identity,
                "model " + kind + " of run " + settings.runId() + " (" + layout.modelFile(kind) + ")");
        log.printf("%s: already trained (%s); --force retrains it%n", kind, layout.modelFile(kind));
        return done;
    }

    /** The newest readable checkpoint (trained with {@code identity}), or a freshly initialised network. */
    private Checkpoints.Resumed start(ModelKind kind, Checkpoints checkpoints, Map<String, String> identity)
            throws IOException {
        Checkpoints.Resumed resumed = checkpoints.resume(log).orElse(null);
        if (resumed == null) {
            MultiLayerNetwork fresh =
                    Cnn.build(settings.model(), settings.train().learningRate(), settings.seed());
            return new Checkpoints.Resumed(fresh, Checkpoints.Note.of(0, 0, Double.NaN, identity, List.of()), null);
        }
        TrainingIdentity.requireSame(resumed.note().trainedWith(), identity, "the checkpoint " + resumed.file());
        log.printf(
                "%s: resuming from checkpoint at step %d (%s)%n",
                kind, resumed.note().step(), resumed.file());
        return resumed;
    }

    private boolean isComplete(ModelKind kind) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(layout.modelDir(kind), hadoop);
        return fs.exists(layout.metadataFile(kind)) && fs.exists(layout.modelFile(kind));
    }

    /** {@code lat.train.shards}, or one per task slot; never more than the {@code digits}. */
    private int shards(JavaSparkContext sc, int digits) {
        int shards = settings.train().shards() > 0 ? settings.train().shards() : sc.defaultParallelism();
        if (shards > digits) {
            throw new ConfigError("lat.train.shards = " + shards
                    + (settings.train().shards() > 0 ? "" : " (Spark's " + "default parallelism)") + " exceeds the "
                    + digits + " training digits; set "
                    + "lat.train.shards to at most " + digits);
        }
        return shards;
    }
}
