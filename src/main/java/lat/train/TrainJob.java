package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lat.config.Settings;
import lat.core.ConfigError;
import lat.core.ModelId;
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
     * Trains {@code model} to its configured length, or skips it when already complete. Every random
     * choice of the training (initialisation, shuffling, training PGD's random starts) derives from the
     * model's training seed, in place of the run seed: a replicate differs from another only by it.
     *
     * @param force retrain from scratch even when a complete model or checkpoints exist; the
     *              complete model is replaced only when the new one is
     * @return the model's metadata (read back when skipped)
     */
    public TrainingMetadata train(ModelId model, boolean force) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int shards = shards(sc, settings.data().trainExamples());
        Map<String, String> identity = TrainingIdentity.of(settings, model, shards);
        if (!force && isComplete(model)) {
            return alreadyTrained(model, identity);
        }
        Settings seeded = settings.withSeed(model.seed());
        // the data is checked before anything is removed: a forced retrain on bad data loses nothing
        Digits digits =
                Mnist.load(settings.data(), Mnist.Split.TRAIN, settings.data().trainExamples(), hadoop);
        shards(sc, digits.size());
        Checkpoints checkpoints = new Checkpoints(layout.checkpointDir(model), hadoop);
        if (force) {
            checkpoints.clear();
        }
        Checkpoints.Resumed start = start(model, seeded, checkpoints, identity);
        Chunks.Trained trained =
                new Chunks(sc, seeded, model, digits, shards, checkpoints, hadoop, log).run(start, identity);
        return new Publication(seeded, layout, hadoop, log)
                .publish(model, digits, shards, trained, checkpoints, identity);
    }

    /** The metadata of the complete model {@code model}, once it proves trained with {@code identity}. */
    private TrainingMetadata alreadyTrained(ModelId model, Map<String, String> identity) {
        TrainingMetadata done = TrainingMetadata.read(layout.metadataFile(model), hadoop);
        TrainingIdentity.requireSame(
                done.trainedWith(),
                identity,
                "model " + model + " of run " + settings.runId() + " (" + layout.modelFile(model) + ")");
        log.printf("%s: already trained (%s); --force retrains it%n", model, layout.modelFile(model));
        return done;
    }

    /** The newest readable checkpoint (trained with {@code identity}), or a freshly initialised network. */
    private Checkpoints.Resumed start(
            ModelId model, Settings seeded, Checkpoints checkpoints, Map<String, String> identity) throws IOException {
        Checkpoints.Resumed resumed = checkpoints.resume(log).orElse(null);
        if (resumed == null) {
            MultiLayerNetwork fresh = Cnn.build(seeded.model(), seeded.train().learningRate(), seeded.seed());
            return new Checkpoints.Resumed(fresh, Checkpoints.Note.of(0, 0, Double.NaN, identity, List.of()), null);
        }
        TrainingIdentity.requireSame(resumed.note().trainedWith(), identity, "the checkpoint " + resumed.file());
        log.printf(
                "%s: resuming from checkpoint at step %d (%s)%n",
                model, resumed.note().step(), resumed.file());
        return resumed;
    }

    private boolean isComplete(ModelId model) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(layout.modelDir(model), hadoop);
        return fs.exists(layout.metadataFile(model)) && fs.exists(layout.modelFile(model));
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
