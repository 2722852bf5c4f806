package lat.attack;

import lat.core.AttackMethod;
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
     * @param brokenBy     per digit, the id of the attack that first fooled it: for the worst case
     *                     ({@code autoattack}) the one of its attacks that did, for another method the
     *                     method itself where the digit is right clean and wrong on its input; null
     *                     where no attack fooled it (robust, misclassified clean, or natural inputs)
     */
    public record Outcome(
            float[] inputs,
            long examples,
            double cleanLossSum,
            double inputLossSum,
            long cleanCorrect,
            long inputCorrect,
            long imageSteps,
            double seconds,
            String[] brokenBy) {
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
                (images, labels, batch) ->
                        attack.craftRecorded(gradient, images, labels, Seeds.of(seed, firstBatch + batch)),
                attack.method(),
                attack.pgd().steps());
    }

    /** Scores {@code digits} as they are: the inputs are the clean images. */
    public static Outcome natural(CnnInputGradient gradient, Digits digits, int batchSize) {
        return run(
                gradient,
                digits,
                batchSize,
                (images, labels, batch) -> new LocalizedAttack.Crafted(images, null),
                null,
                0);
    }

    /** Makes the images a minibatch is scored on. */
    private interface Crafter {
        LocalizedAttack.Crafted craft(INDArray images, INDArray labels, long batch);
    }

    /** @param method the attack's method, null for natural inputs */
    private static Outcome run(
            CnnInputGradient gradient,
            Digits digits,
            int batchSize,
            Crafter crafter,
            AttackMethod method,
            int stepsPerImage) {
        long start = System.nanoTime();
        int n = digits.size();
        float[] inputPixels = new float[n * Images.PIXELS];
        double cleanLoss = 0;
        double inputLoss = 0;
        long cleanCorrect = 0;
        long inputCorrect = 0;
        String[] brokenBy = new String[n];
        for (int from = 0, batch = 0; from < n; from += batchSize, batch++) {
            Digits slice = digits.slice(from, Math.min(n, from + batchSize));
            INDArray images = slice.images();
            INDArray labels = slice.labelsOneHot();
            LocalizedAttack.Crafted crafted = crafter.craft(images, labels, batch);
            INDArray inputs = crafted.images();
            double loss = gradient.losses(images, labels).sumNumber().doubleValue();
            boolean[] cleanRight = correct(gradient, images, labels);
            long correct = count(cleanRight);
            cleanLoss += loss;
            cleanCorrect += correct;
            if (inputs != images) {
                loss = gradient.losses(inputs, labels).sumNumber().doubleValue();
                boolean[] inputRight = correct(gradient, inputs, labels);
                correct = count(inputRight);
                for (int i = 0; i < inputRight.length; i++) {
                    brokenBy[from + i] = crafted.brokenBy() != null
                            ? idOrNull(crafted.brokenBy()[i])
                            : cleanRight[i] && !inputRight[i] ? method.id() : null;
                }
            }
            inputLoss += loss;
            inputCorrect += correct;
            float[] scored = inputs.data().asFloat();
            System.arraycopy(scored, 0, inputPixels, from * Images.PIXELS, scored.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(
                inputPixels,
                n,
                cleanLoss,
                inputLoss,
                cleanCorrect,
                inputCorrect,
                (long) n * stepsPerImage,
                seconds,
                brokenBy);
    }

    /** Per digit, whether the network behind {@code gradient} classifies it correctly. */
    private static boolean[] correct(CnnInputGradient gradient, INDArray images, INDArray labels) {
        int[] predicted = gradient.probabilities(images).argMax(1).toIntVector();
        int[] truth = labels.argMax(1).toIntVector();
        boolean[] right = new boolean[predicted.length];
        for (int i = 0; i < right.length; i++) {
            right[i] = predicted[i] == truth[i];
        }
        return right;
    }

    private static long count(boolean[] flags) {
        long count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    private static String idOrNull(AttackMethod method) {
        return method == null ? null : method.id();
    }
}
