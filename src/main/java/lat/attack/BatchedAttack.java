package lat.attack;

import lat.data.MnistSplit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one attack over a set of digits minibatch by minibatch, keeping the adversarial images
 * and the exact sums (not averages) of loss and correct predictions before and after, so partial
 * results over shards combine exactly.
 */
public final class BatchedAttack {
    private BatchedAttack() {
    }

    /**
     * Sums over {@code examples} digits; {@code adversarial} holds their images (n x 784).
     *
     * @param cleanLossSum       summed cross-entropy (natural log) on the clean images
     * @param adversarialLossSum summed cross-entropy on the adversarial images
     * @param imageSteps         images times PGD steps, the unit of attack throughput
     */
    public record Outcome(float[] adversarial, long examples, double cleanLossSum, double adversarialLossSum,
                          long cleanCorrect, long adversarialCorrect, long imageSteps, double seconds) {
        public double cleanLoss() {
            return cleanLossSum / examples;
        }

        public double adversarialLoss() {
            return adversarialLossSum / examples;
        }

        public double cleanAccuracy() {
            return (double) cleanCorrect / examples;
        }

        public double adversarialAccuracy() {
            return (double) adversarialCorrect / examples;
        }

        public double imageStepsPerSecond() {
            return imageSteps / seconds;
        }
    }

    /**
     * Attacks {@code digits} in minibatches of {@code batchSize}; minibatch i's random start is
     * seeded from {@code seed} and i, so the result does not depend on how digits are sharded
     * as long as shard boundaries fall on minibatch boundaries.
     */
    public static Outcome run(CnnInputGradient gradient, LocalizedAttack attack, MnistSplit digits,
                              int batchSize, long seed) {
        return run(gradient, attack, digits, batchSize, seed, 0);
    }

    /**
     * As {@link #run(CnnInputGradient, LocalizedAttack, MnistSplit, int, long)} for digits that
     * start at minibatch {@code firstBatch} of a larger set (a shard): minibatch i here is seeded as
     * minibatch {@code firstBatch + i} of the whole set.
     */
    public static Outcome run(CnnInputGradient gradient, LocalizedAttack attack, MnistSplit digits,
                              int batchSize, long seed, long firstBatch) {
        return run(gradient, digits, batchSize, (images, labels, batch) ->
                attack.craft(gradient, images, labels, minibatchSeed(seed, firstBatch + batch)), attack.pgd().steps());
    }

    /** Scores {@code digits} as they are: the "adversarial" figures of the outcome are the clean ones. */
    public static Outcome natural(CnnInputGradient gradient, MnistSplit digits, int batchSize) {
        return run(gradient, digits, batchSize, (images, labels, batch) -> images, 0);
    }

    /** Makes the images a minibatch is scored on. */
    private interface Crafter {
        INDArray craft(INDArray images, INDArray labels, long batch);
    }

    private static Outcome run(CnnInputGradient gradient, MnistSplit digits, int batchSize, Crafter crafter,
                               int stepsPerImage) {
        long start = System.nanoTime();
        int n = digits.size();
        float[] adversarialPixels = new float[n * 784];
        double cleanLoss = 0;
        double adversarialLoss = 0;
        long cleanCorrect = 0;
        long adversarialCorrect = 0;
        for (int from = 0, batch = 0; from < n; from += batchSize, batch++) {
            MnistSplit slice = digits.slice(from, Math.min(n, from + batchSize));
            INDArray images = slice.images();
            INDArray labels = slice.labelsOneHot();
            INDArray adversarial = crafter.craft(images, labels, batch);
            double loss = gradient.losses(images, labels).sumNumber().doubleValue();
            long correct = correct(gradient, images, labels);
            cleanLoss += loss;
            cleanCorrect += correct;
            if (adversarial != images) {
                loss = gradient.losses(adversarial, labels).sumNumber().doubleValue();
                correct = correct(gradient, adversarial, labels);
            }
            adversarialLoss += loss;
            adversarialCorrect += correct;
            float[] crafted = adversarial.data().asFloat();
            System.arraycopy(crafted, 0, adversarialPixels, from * 784, crafted.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(adversarialPixels, n, cleanLoss, adversarialLoss, cleanCorrect, adversarialCorrect,
                (long) n * stepsPerImage, seconds);
    }

    /** Correct predictions of the network behind {@code gradient}. */
    private static long correct(CnnInputGradient gradient, INDArray images, INDArray labels) {
        INDArray predicted = gradient.probabilities(images).argMax(1);
        return predicted.eq(labels.argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
    }

    /** A seed for minibatch {@code index} of a run seeded with {@code seed} (SplitMix64 finaliser). */
    public static long minibatchSeed(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
