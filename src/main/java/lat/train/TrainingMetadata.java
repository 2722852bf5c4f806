package lat.train;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lat.attack.BatchedAttack;
import lat.config.PgdSettings;
import lat.config.Settings;
import lat.core.BuildInfo;
import lat.core.ModelKind;
import lat.core.Urls;
import lat.data.Digits;

/**
 * {@code metadata.json} beside each trained model: what was trained, how, on what data, how fast,
 * and what the executors did (written last, so its presence marks a complete model).
 *
 * @param model              model kind
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
 * @param trainedWith        the settings that make the model what it is ({@link TrainingIdentity}), by key
 */
public record TrainingMetadata(String runId, String model, String trainingAttack, Map<String, Object> attack,
                               PgdSettings pgd, Map<String, Object> training, Map<String, Object> data,
                               long steps, long resumedFromStep, int shards, double wallSeconds,
                               double examplesPerSecond, double trainLoss, double trainAccuracy,
                               double lastChunkLoss, List<CurvePoint> curve, Map<Long, Long> staleness,
                               Map<Long, Long> remoteArrivals,
                               Map<Integer, Long> craftedPerShard, Map<Integer, Long> fittedPerShard,
                               List<WorkerStats> executors, Map<String, String> versions, String createdAt,
                               Map<String, String> trainedWith) {

    /**
     * The metadata of {@code kind} trained with {@code settings} on {@code digits}.
     *
     * @param clean         the final model scored on clean training digits
     * @param lastChunkLoss the mean minibatch loss of the last chunk trained (by this or an earlier application)
     * @param curve         the training curve, one point per checkpoint (of this and earlier applications)
     */
    static TrainingMetadata of(Settings settings, ModelKind kind, Digits digits, long steps, long resumedFromStep,
                               double wallSeconds, double examplesPerSecond, int shards, BatchedAttack.Outcome clean,
                               double lastChunkLoss, List<CurvePoint> curve, TrainingStats stats,
                               Map<String, String> trainedWith) {
        Map<String, Object> attack = new LinkedHashMap<>();
        attack.put("epsilon", settings.attack().epsilon());
        attack.put("digitThreshold", settings.attack().digitThreshold());
        attack.put("backgroundBlock", settings.attack().backgroundBlock());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("batchSize", settings.train().batchSize());
        training.put("learningRate", settings.train().learningRate());
        training.put("epsilonRampSteps", settings.train().epsilonRampSteps());
        training.put("optimizer", "Adam");
        training.put("seed", settings.seed());
        training.put("model", settings.model());
        training.put("checkpointEvery", settings.train().checkpointEvery());
        training.put("parameterServer", settings.train().parameterServer());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dir", Urls.redact(settings.data().dir()));
        data.put("trainExamples", digits.size());
        data.put("imagesSha256", digits.imagesSha256());
        data.put("labelsSha256", digits.labelsSha256());
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("lat", BuildInfo.codeVersion());
        versions.put("nd4jBackend", BuildInfo.nd4jBackend());
        versions.put("nd4j", BuildInfo.get("nd4j.version"));
        versions.put("spark", BuildInfo.get("spark.version"));
        versions.put("java", System.getProperty("java.version"));
        return new TrainingMetadata(settings.runId(), kind.id(),
                kind.trainingAttack().map(Object::toString).orElse("none"), attack,
                kind.trainingAttack().isPresent() ? settings.train().pgd() : null, training, data,
                steps, resumedFromStep, shards, wallSeconds, examplesPerSecond, clean.cleanLoss(),
                clean.cleanAccuracy(), lastChunkLoss, List.copyOf(curve), stats.staleness(), stats.remoteArrivals(),
                stats.craftedPerShard(), stats.fittedPerShard(), stats.executors(), versions,
                Instant.now().toString(), trainedWith);
    }
}
