package lat.attack;

import java.util.ArrayList;
import java.util.List;
import lat.core.AttackMethod;
import lat.core.Images;
import lat.core.Seeds;
import lat.data.Digits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one attack over a set of digits minibatch by minibatch, keeping the images it scores and
 * each digit's outcome (prediction and loss) before and after, from which exact sums (not averages)
 * follow, so partial results over shards combine exactly.
 */
public final class BatchedAttack {
    private BatchedAttack() {}

    /**
     * Each digit scored clean and as the input of the cell: the adversarial image under an attack,
     * the clean image itself for {@link #natural}. The sums derive from the per-digit scores.
     *
     * @param inputs     the images scored, n x {@link Images#PIXELS}
     * @param clean      each digit's score on its clean image
     * @param input      each digit's score on {@code inputs}
     * @param imageSteps images times PGD steps, the unit of attack throughput
     */
    public record Outcome(float[] inputs, DigitScores clean, DigitScores input, long imageSteps, double seconds) {
        public long examples() {
            return clean.size();
        }

        /** Summed cross-entropy (natural log) on the clean images, in digit order. */
        public double cleanLossSum() {
            return clean.lossSum();
        }

        /** Summed cross-entropy on {@code inputs}, in digit order. */
        public double inputLossSum() {
            return input.lossSum();
        }

        public long cleanCorrect() {
            return clean.correct();
        }

        public long inputCorrect() {
            return input.correct();
        }

        public double cleanLoss() {
            return cleanLossSum() / examples();
        }

        public double inputLoss() {
            return inputLossSum() / examples();
        }

        public double cleanAccuracy() {
            return (double) cleanCorrect() / examples();
        }

        public double inputAccuracy() {
            return (double) inputCorrect() / examples();
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
        List<DigitScores> clean = new ArrayList<>();
        List<DigitScores> scored = new ArrayList<>();
        for (int from = 0, batch = 0; from < n; from += batchSize, batch++) {
            Digits slice = digits.slice(from, Math.min(n, from + batchSize));
            INDArray images = slice.images();
            INDArray labels = slice.labelsOneHot();
            LocalizedAttack.Crafted crafted = crafter.craft(images, labels, batch);
            INDArray inputs = crafted.images();
            DigitScores cleanScores = score(gradient, images, labels);
            clean.add(cleanScores);
            if (inputs == images) {
                scored.add(cleanScores);
            } else {
                DigitScores input = score(gradient, inputs, labels);
                scored.add(input.withBrokenBy(brokenBy(cleanScores, input, crafted, method)));
            }
            float[] pixels = inputs.data().asFloat();
            System.arraycopy(pixels, 0, inputPixels, from * Images.PIXELS, pixels.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(
                inputPixels, DigitScores.concat(clean), DigitScores.concat(scored), (long) n * stepsPerImage, seconds);
    }

    /**
     * Per digit, the id of the attack that first fooled it: for the worst case ({@code autoattack}) the
     * one of its attacks that did, for another method the method itself where the digit is right clean
     * and wrong on its input; null where no attack fooled it.
     */
    private static String[] brokenBy(
            DigitScores clean, DigitScores input, LocalizedAttack.Crafted crafted, AttackMethod method) {
        String[] brokenBy = new String[clean.size()];
        for (int i = 0; i < brokenBy.length; i++) {
            if (crafted.brokenBy() != null) {
                brokenBy[i] = crafted.brokenBy()[i] == null ? null : crafted.brokenBy()[i].id();
            } else if (clean.correct(i) && !input.correct(i)) {
                brokenBy[i] = method.id();
            }
        }
        return brokenBy;
    }

    /** Each digit's prediction and loss by the network behind {@code gradient}. */
    private static DigitScores score(CnnInputGradient gradient, INDArray images, INDArray labels) {
        return DigitScores.of(gradient.losses(images, labels), gradient.probabilities(images), labels);
    }
}
