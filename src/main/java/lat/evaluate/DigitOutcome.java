package lat.evaluate;

import lat.core.Check;

/**
 * One row of the per-digit table (contract, docs/design.md and docs/outputs.md): how one model scored
 * one test digit in one cell of a run's grid. The cell's row in the evaluation table sums these:
 * its {@code correct} counts the rows with {@code correct}, its {@code loss_sum} adds their
 * {@code loss} in digit order, bit-for-bit.
 *
 * @param runId     the run ({@code run_id}, the partition)
 * @param model     the model kind
 * @param trainSeed the model's training seed
 * @param attack    {@code natural} for clean inputs, else the attack's name
 * @param method    how the attack searched its budget; {@code none} for natural inputs
 * @param epsilon   the attack's L-infinity budget; 0 for natural inputs
 * @param pgdSteps  the attack's steps; 0 for natural inputs
 * @param digit     the digit's index in MNIST's test file (0-based)
 * @param label     its true class
 * @param predicted the class the network predicted (argmax of its output) on the cell's input
 * @param correct   {@code predicted == label}
 * @param loss      the digit's cross-entropy (natural log) on the cell's input
 * @param brokenBy  the attack that first fooled the digit (the method's id; for {@code autoattack} the
 *                  one of its attacks that did), null where none did: robust, wrong already on the clean
 *                  image, or natural inputs
 */
public record DigitOutcome(
        String runId,
        String model,
        long trainSeed,
        String attack,
        String method,
        double epsilon,
        int pgdSteps,
        int digit,
        int label,
        int predicted,
        boolean correct,
        double loss,
        String brokenBy) {
    public DigitOutcome {
        Check.notNegative(digit, "digit index");
        Check.between(label, 0, 9, "label");
        Check.between(predicted, 0, 9, "predicted class");
        Check.that(correct == (label == predicted), "correct must be predicted == label, got " + this);
    }
}
