package lat.io.records;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import lat.config.ModelSettings;
import lat.config.PgdSettings;
import lat.config.TrainSettings;
import lat.core.DataError;
import lat.io.JsonFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * {@code metadata.json} beside each trained model: what was trained, how, on what data, how fast,
 * and what the executors did (written last, so its presence marks a complete model). Written by
 * {@code lat train}, read by every command that uses a model's training ({@link #read}); the field
 * names on disk are the record's, which the Python checks and the notebook read too.
 *
 * <p>Versions: 1 (no {@code schemaVersion} field: files of lat before it recorded one, read as
 * version 1); 2 adds {@code schemaVersion} and {@code standstillGuard}; 3 adds {@code trainSeed} (read
 * from {@code training.seed} in older files, the one seed a model was trained with then).
 *
 * @param schemaVersion      {@link #SCHEMA_VERSION} when written by this lat
 * @param model              model kind
 * @param trainSeed          the training seed ({@code lat.train.seeds}): the model is (model, trainSeed)
 * @param trainingAttack     the attack of its training examples, "none" for natural
 * @param attack             epsilon, digit threshold and background block ({@code lat.attack})
 * @param pgd                training PGD (steps, step size, random start); null for natural
 * @param steps              minibatch steps trained in all
 * @param resumedFromStep    the checkpoint this application resumed from (0: from scratch)
 * @param shards             training shards
 * @param wallSeconds        training time, summed over resumed applications
 * @param examplesPerSecond  training examples per second, over every application that trained it
 * @param trainLoss          mean cross-entropy of the final model on (up to 10,000) clean training digits
 * @param trainAccuracy      its accuracy on them
 * @param lastChunkLoss      mean minibatch loss of the last chunk, on the examples trained on
 * @param curve              the training curve: loss and clean accuracy at each checkpoint, resumes included
 * @param staleness          histogram of local updates between crafting a minibatch and its fit
 * @param remoteArrivals     histogram of other executors' updates that arrived between crafting and fit
 * @param craftedPerShard    adversarial minibatches crafted, by shard
 * @param fittedPerShard     minibatches fitted, by shard
 * @param executors          per executor JVM (of every application): shards, counts, updates sent and received
 * @param standstillGuard    whether every chunk of this application was checked for a driver model that
 *                           stood still; null in version 1
 * @param trainedWith        the settings that make the model what it is, by configuration key
 */
public record TrainingMetadata(
        int schemaVersion,
        String runId,
        String model,
        long trainSeed,
        String trainingAttack,
        Attack attack,
        PgdSettings pgd,
        Training training,
        Data data,
        long steps,
        long resumedFromStep,
        int shards,
        double wallSeconds,
        double examplesPerSecond,
        double trainLoss,
        double trainAccuracy,
        double lastChunkLoss,
        List<CurvePoint> curve,
        Map<Long, Long> staleness,
        Map<Long, Long> remoteArrivals,
        Map<Integer, Long> craftedPerShard,
        Map<Integer, Long> fittedPerShard,
        List<WorkerStats> executors,
        Guard standstillGuard,
        Versions versions,
        String createdAt,
        Map<String, String> trainedWith) {

    /** The version this lat writes, and the newest it reads. */
    public static final int SCHEMA_VERSION = 3;

    public TrainingMetadata {
        if (schemaVersion < 3 && training != null) {
            trainSeed = training.seed();
        }
    }

    /**
     * What the attacks of the training could change ({@code lat.attack}).
     *
     * @param epsilon         L-infinity budget
     * @param digitThreshold  a pixel belongs to the digit above this intensity
     * @param backgroundBlock side of the central square the background attack leaves alone
     */
    public record Attack(double epsilon, double digitThreshold, int backgroundBlock) {}

    /**
     * How it was trained ({@code lat.train}, {@code lat.model}).
     *
     * @param seed      the seed of every random choice of the training: the training seed
     * @param optimizer always "Adam"
     */
    public record Training(
            int batchSize,
            double learningRate,
            long epsilonRampSteps,
            String optimizer,
            long seed,
            ModelSettings model,
            long checkpointEvery,
            TrainSettings.ParameterServer parameterServer) {}

    /**
     * The training images.
     *
     * @param dataset       {@code lat.data.dataset} ("mnist", "fashion-mnist"); null in files written
     *                      before lat recorded it, all of them MNIST
     * @param dir           {@code lat.data.dir}, credentials redacted
     * @param trainExamples images trained on
     */
    public record Data(String dataset, String dir, int trainExamples, String imagesSha256, String labelsSha256) {}

    /** The versions of the code that trained it. */
    public record Versions(String lat, String nd4jBackend, String nd4j, String spark, String java) {}

    /**
     * The guard against a driver model that stands still while executors train (their updates lost).
     * {@code ON}: every chunk was checked. {@code OFF}: an executor's count of the updates it sent could
     * not be read (DL4J's internals differ from 1.0.0-M2's), so a standstill would have gone unnoticed.
     */
    public enum Guard {
        ON,
        OFF
    }

    /**
     * The metadata in {@code file} (any Hadoop path).
     *
     * @throws DataError naming the file (and the field) when it is missing, unreadable, of a newer
     *                   version, or lacks a setting the evaluation relies on
     */
    public static TrainingMetadata read(Path file, Configuration conf) {
        TrainingMetadata metadata;
        try {
            metadata = JsonFiles.readVersioned(file, TrainingMetadata.class, SCHEMA_VERSION, "model metadata", conf);
        } catch (FileNotFoundException e) {
            throw new DataError("model metadata " + file + " does not exist; train the model first (lat train)", e);
        } catch (IOException e) {
            throw new DataError("cannot read model metadata " + file + ": " + e.getMessage(), e);
        }
        metadata.requireSettings(file);
        return metadata;
    }

    /** Writes this metadata to {@code file}, atomically. */
    public void write(Path file, Configuration conf) throws IOException {
        JsonFiles.write(file, this, conf);
    }

    /** Whether it was trained on adversarial examples (a natural model records no training PGD). */
    public boolean attacked() {
        return pgd != null;
    }

    /** The fields a model's evaluation and report rely on, present or a DataError naming the first missing one. */
    private void requireSettings(Path file) {
        String missing = training == null || training.model() == null
                ? "training.model.conv1Channels"
                : attacked() && attack == null ? "attack.epsilon" : null;
        if (missing != null) {
            throw new DataError("model metadata " + file + ": " + missing + " is missing, expected a number; retrain "
                    + "the model with lat train");
        }
    }
}
