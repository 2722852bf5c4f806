package lat.attack;

import lat.core.Images;
import lat.core.Seeds;
import lat.data.Digits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one attack over a set of digits minibatch by minibatch, keeping the images it scores
 * and the exact sums (not averages) of loss and correct predictions before and after, so partial
 * results over shards combine exactly.
 */
public final class BatchedAttack {
    private BatchedAttack() {}

    /**
     * Sums over {@code examples} digits, scored clean and as the inputs of the cell: the adversarial
     * images under an attack, the clean images themselves for {@link #natural}.
     *
     * @param inputs       the images scored, n x {@link Images#PIXELS}
     * @param cleanLossSum summed cross-entropy (natural log) on the clean images
     * @param inputLossSum summed cross-entropy on {@code inputs}
     * @param imageSteps   images times PGD steps, the unit of attack throughput
     */
    public record Outcome(
            float[] inputs,
            long examples,
            double cleanLossSum,
            double inputLossSum,
            long cleanCorrect,
            long inputCorrect,
            long imageSteps,
            double seconds) {
        public double cleanLoss() {
            return cleanLossSum / examples;
        }

        public double inputLoss() {
            return inputLossSum / examples;
        }

        public double cleanAccuracy() {
            return (double) cleanCorrect / examples;
        }

        public double inputAccuracy() {
            return (double) inputCorrect / examples;
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
    public static Outcome run(
            CnnInputGradient gradient, LocalizedAttack attack, Digits digits, int batchSize, long seed) {
        return run(gradient, attack, digits, batchSize, seed, 0);
    }

    /**
     * As {@link #run(CnnInputGradient, LocalizedAttack, Digits, int, long)} for digits that
     * start at minibatch {@code firstBatch} of a larger set (a shard): minibatch i here is seeded as
     * minibatch {@code firstBatch + i} of the whole set.
     */
    public static Outcome run(
            CnnInputGradient gradient,
            LocalizedAttack attack,
            Digits digits,
            int batchSize,
            long seed,
            long firstBatch) {
        return run(
                gradient,
                digits,
                batchSize,
                (images, labels, batch) -> attack.craft(gradient, images, labels, Seeds.of(seed, firstBatch + batch)),
                attack.pgd().steps());
    }

    /** Scores {@code digits} as they are: the inputs are the clean images. */
    public static Outcome natural(CnnInputGradient gradient, Digits digits, int batchSize) {
        return run(gradient, digits, batchSize, (images, labels, batch) -> images, 0);
    }

    /** Makes the images a minibatch is scored on. */
    private interface Crafter {
        INDArray craft(INDArray images, INDArray labels, long batch);
    }

    private static Outcome run(
            CnnInputGradient gradient, Digits digits, int batchSize, Crafter crafter, int stepsPerImage) {
        long start = System.nanoTime();
        int n = digits.size();
        float[] inputPixels = new float[n * Images.PIXELS];
        double cleanLoss = 0;
        double inputLoss = 0;
        long cleanCorrect = 0;
        long inputCorrect = 0;
        for (int from = 0, batch = 0; from < n; from += batchSize, batch++) {
            Digits slice = digits.slice(from, Math.min(n, from + batchSize));
            INDArray images = slice.images();
            INDArray labels = slice.labelsOneHot();
            INDArray inputs = crafter.craft(images, labels, batch);
            double loss = gradient.losses(images, labels).sumNumber().doubleValue();
            long correct = correct(gradient, images, labels);
            cleanLoss += loss;
            cleanCorrect += correct;
            if (inputs != images) {
                loss = gradient.losses(inputs, labels).sumNumber().doubleValue();
                correct = correct(gradient, inputs, labels);
            }
            inputLoss += loss;
            inputCorrect += correct;
            float[] scored = inputs.data().asFloat();
            System.arraycopy(scored, 0, inputPixels, from * Images.PIXELS, scored.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(
                inputPixels, n, cleanLoss, inputLoss, cleanCorrect, inputCorrect, (long) n * stepsPerImage, seconds);
    }

    /** Correct predictions of the network behind {@code gradient}. */
    private static long correct(CnnInputGradient gradient, INDArray images, INDArray labels) {
        INDArray predicted = gradient.probabilities(images).argMax(1);
        return predicted
                .eq(labels.argMax(1))
                .castTo(org.nd4j.linalg.api.buffer.DataType.INT64)
                .sumNumber()
                .longValue();
    }
}
