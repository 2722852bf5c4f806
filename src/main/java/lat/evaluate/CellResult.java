package lat.evaluate;

import java.util.Comparator;
import java.util.List;
import lat.attack.DigitScores;

/**
 * A cell's result over all evaluated digits: each digit's outcome (digit i is the i-th digit of
 * MNIST's test file), and the sums computed from them, from which the mean loss and the accuracy follow.
 *
 * @param digits  each digit's label, prediction and cross-entropy, in digit order
 * @param seconds time spent on the cell, summed over its minibatches (executor time, not wall time)
 */
public record CellResult(Cell cell, DigitScores digits, double seconds) {

    public long examples() {
        return digits.size();
    }

    /** Summed cross-entropy (natural log): the per-digit losses added in digit order. */
    public double lossSum() {
        return digits.lossSum();
    }

    /** Digits classified correctly: the per-digit outcomes counted. */
    public long correct() {
        return digits.correct();
    }

    /** Mean cross-entropy per digit. */
    public double loss() {
        return lossSum() / examples();
    }

    /** Fraction of digits classified correctly, 0..1. */
    public double accuracy() {
        return (double) correct() / examples();
    }

    /**
     * Puts the minibatches of {@code cell} in minibatch order and their digits one after the other:
     * floating-point addition is not associative, and the sums over these digits in this order are
     * those of a single pass over all digits.
     *
     * @throws IllegalStateException unless the minibatches are exactly 0, 1, ..., n-1, each once
     */
    public static CellResult combine(Cell cell, List<MinibatchSums> minibatches) {
        List<MinibatchSums> ordered = minibatches.stream()
                .sorted(Comparator.comparingInt(MinibatchSums::batch))
                .toList();
        double seconds = 0;
        for (int i = 0; i < ordered.size(); i++) {
            MinibatchSums sums = ordered.get(i);
            if (sums.batch() != i || !sums.cell().equals(cell)) {
                throw new IllegalStateException(cell + ": expected minibatch " + i + ", got " + sums);
            }
            seconds += sums.seconds();
        }
        DigitScores digits =
                DigitScores.concat(ordered.stream().map(MinibatchSums::digits).toList());
        if (digits.size() == 0) {
            throw new IllegalStateException(cell + ": no minibatch evaluated");
        }
        return new CellResult(cell, digits, seconds);
    }
}
