package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import lat.attack.BatchedAttack;
import lat.config.Settings;
import lat.core.BuildInfo;
import lat.core.Durations;
import lat.core.ModelId;
import lat.core.Urls;
import lat.data.Digits;
import lat.io.OutputLayout;
import lat.io.records.TrainingMetadata;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;

/**
 * The end of a training: the final model scored, its {@link TrainingMetadata} and the model
 * published where {@code evaluate} finds them, and the checkpoints dropped.
 */
final class Publication {
    /** The final model is scored on up to this many clean training digits for its metadata. */
    private static final int SCORED_DIGITS = 10_000;

    private final Settings settings;
    private final OutputLayout layout;
    private final Configuration hadoop;
    private final PrintStream log;

    Publication(Settings settings, OutputLayout layout, Configuration hadoop, PrintStream log) {
        this.settings = settings;
        this.layout = layout;
        this.hadoop = hadoop;
        this.log = log;
    }

    /**
     * Writes the model, then its metadata (whose presence marks a complete model), then drops the
     * checkpoints; reports the result and warns when an executor trained alone.
     */
    TrainingMetadata publish(
            ModelId model,
            Digits digits,
            int shards,
            Chunks.Trained trained,
            Checkpoints checkpoints,
            Map<String, String> identity)
            throws IOException {
        // every application's executors, should this one have resumed a killed one
        TrainingStats stats = TrainingStats.readSessions(checkpoints.dir(), hadoop);
        TrainingStats thisSession = TrainingStats.read(trained.statsDir(), hadoop);
        TrainingMetadata metadata = metadata(
                model,
                digits,
                shards,
                trained,
                Chunks.score(trained.network(), digits, SCORED_DIGITS),
                stats,
                identity);
        ModelStore.save(trained.network(), layout.modelFile(model).toString(), hadoop);
        metadata.write(layout.metadataFile(model), hadoop);
        checkpoints.clear();
        log.printf(
                "%s: done in %s; clean training loss %.4f, accuracy %.4f; staleness %s; wrote %s%n",
                model,
                Durations.hms(trained.wallSeconds()),
                metadata.trainLoss(),
                metadata.trainAccuracy(),
                stats.staleness(),
                layout.modelFile(model));
        if (thisSession.executors().size() > 1
                && thisSession.executors().stream().anyMatch(e -> e.updatesReceived() == 0)) {
            log.printf(
                    "%s: WARNING: an executor received no updates from the others: it trained alone "
                            + "(check lat.train.parameter-server ports and network mask); see %s%n",
                    model, layout.metadataFile(model));
        }
        return metadata;
    }

    /** The metadata of {@code model}, trained as {@code trained} says, its final model scoring {@code clean}. */
    private TrainingMetadata metadata(
            ModelId model,
            Digits digits,
            int shards,
            Chunks.Trained trained,
            BatchedAttack.Outcome clean,
            TrainingStats stats,
            Map<String, String> identity) {
        long steps = settings.train().totalSteps(digits.size());
        return new TrainingMetadata(
                TrainingMetadata.SCHEMA_VERSION,
                settings.runId(),
                model.kind().id(),
                model.seed(),
                model.kind().trainingAttack().map(Object::toString).orElse("none"),
                new TrainingMetadata.Attack(
                        settings.attack().epsilon(),
                        settings.attack().digitThreshold(),
                        settings.attack().backgroundBlock()),
                model.kind().trainingAttack().isPresent() ? settings.train().pgd() : null,
                new TrainingMetadata.Training(
                        settings.train().batchSize(),
                        settings.train().learningRate(),
                        settings.train().epsilonRampSteps(),
                        "Adam",
                        settings.seed(),
                        settings.model(),
                        settings.train().checkpointEvery(),
                        settings.train().parameterServer()),
                new TrainingMetadata.Data(
                        settings.data().dataset().id(),
                        Urls.redact(settings.data().dir()),
                        digits.size(),
                        digits.imagesSha256(),
                        digits.labelsSha256()),
                steps,
                trained.startStep(),
                shards,
                trained.wallSeconds(),
                steps * settings.train().batchSize() / trained.wallSeconds(),
                clean.cleanLoss(),
                clean.cleanAccuracy(),
                trained.lastChunkLoss(),
                trained.curve(),
                stats.staleness(),
                stats.remoteArrivals(),
                stats.craftedPerShard(),
                stats.fittedPerShard(),
                stats.executors(),
                trained.guard(),
                new TrainingMetadata.Versions(
                        BuildInfo.codeVersion(),
                        BuildInfo.nd4jBackend(),
                        BuildInfo.get("nd4j.version"),
                        BuildInfo.get("spark.version"),
                        System.getProperty("java.version")),
                Instant.now().toString(),
                identity);
    }
}
