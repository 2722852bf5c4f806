package lat.train;

import java.util.Map;
import java.util.TreeMap;
import lat.config.Settings;
import lat.core.ConfigError;
import lat.core.Dataset;
import lat.core.ModelId;

/**
 * The settings that make a trained model what it is, by configuration key: recorded with every
 * checkpoint and complete model, and compared before one is reused, so that a model trained with
 * other settings (another epsilon, widths, length) is never passed off as this configuration's.
 * Settings that change only how fast or where it trains (checkpoint interval, ports) are not part of it.
 */
final class TrainingIdentity {
    private static final String DATASET = "lat.data.dataset";

    private TrainingIdentity() {}

    /** {@code model}'s identity under {@code settings}, trained on {@code shards} shards. */
    static Map<String, String> of(Settings settings, ModelId model, int shards) {
        Map<String, String> identity = new TreeMap<>();
        identity.put("lat.train.seeds", String.valueOf(model.seed()));
        identity.put(DATASET, settings.data().dataset().id());
        identity.put("lat.data.train-examples", String.valueOf(settings.data().trainExamples()));
        identity.put("lat.model.conv1-channels", String.valueOf(settings.model().conv1Channels()));
        identity.put("lat.model.conv2-channels", String.valueOf(settings.model().conv2Channels()));
        identity.put("lat.model.dense-units", String.valueOf(settings.model().denseUnits()));
        identity.put("lat.model.kernel-size", String.valueOf(settings.model().kernelSize()));
        identity.put(
                "lat.train.steps",
                String.valueOf(settings.train().totalSteps(settings.data().trainExamples())));
        identity.put("lat.train.batch-size", String.valueOf(settings.train().batchSize()));
        identity.put("lat.train.learning-rate", String.valueOf(settings.train().learningRate()));
        identity.put("lat.train.shards", String.valueOf(shards));
        if (model.kind().trainingAttack().isPresent()) {
            identity.put("lat.attack.epsilon", String.valueOf(settings.attack().epsilon()));
            identity.put(
                    "lat.attack.digit-threshold",
                    String.valueOf(settings.attack().digitThreshold()));
            identity.put(
                    "lat.attack.background-block",
                    String.valueOf(settings.attack().backgroundBlock()));
            identity.put(
                    "lat.train.pgd.steps", String.valueOf(settings.train().pgd().steps()));
            identity.put(
                    "lat.train.pgd.step-size",
                    String.valueOf(settings.train().pgd().stepSize()));
            identity.put(
                    "lat.train.pgd.random-start",
                    String.valueOf(settings.train().pgd().randomStart()));
            identity.put(
                    "lat.train.epsilon-ramp-steps",
                    String.valueOf(settings.train().epsilonRampSteps()));
        }
        return identity;
    }

    /**
     * Fails when {@code recorded} (from {@code what}) differs from {@code expected}, naming each key
     * that differs. A record without an identity (written by an older lat) is not checked; one without
     * {@code lat.data.dataset} was trained on MNIST.
     *
     * @throws ConfigError (exit 2) listing the keys, both values, and the ways out
     */
    static void requireSame(Map<String, String> recorded, Map<String, String> expected, String what) {
        if (recorded == null) {
            return;
        }
        Map<String, String> completed = withDataset(recorded);
        if (completed.equals(expected)) {
            return;
        }
        StringBuilder differences = new StringBuilder();
        for (String key : expected.keySet()) {
            String was = completed.get(key);
            if (!expected.get(key).equals(was)) {
                differences
                        .append(differences.isEmpty() ? "" : ", ")
                        .append(key)
                        .append(" = ")
                        .append(was)
                        .append(" there, ")
                        .append(expected.get(key))
                        .append(" now");
            }
        }
        throw new ConfigError(what + " was trained with other settings (" + differences + "); --force retrains "
                + "it from scratch, or use another --run-id to keep both");
    }

    /** {@code recorded}, where an identity from before lat recorded the dataset (all MNIST) says so. */
    private static Map<String, String> withDataset(Map<String, String> recorded) {
        if (recorded.containsKey(DATASET)) {
            return recorded;
        }
        Map<String, String> completed = new TreeMap<>(recorded);
        completed.put(DATASET, Dataset.MNIST.id());
        return completed;
    }
}
