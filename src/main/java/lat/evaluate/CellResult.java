package lat.evaluate;

import java.util.Comparator;
import java.util.List;

/**
 * A cell's result over all evaluated digits: sums, from which the mean loss and the accuracy follow.
 *
 * @param lossSum summed cross-entropy (natural log)
 * @param correct digits classified correctly
 * @param seconds time spent on the cell, summed over its minibatches (executor time, not wall time)
 */
public record CellResult(Cell cell, long examples, double lossSum, long correct, double seconds) {

    /** Mean cross-entropy per digit. */
    public double loss() {
        return lossSum / examples;
    }

    /** Fraction of digits classified correctly, 0..1. */
    public double accuracy() {
        return (double) correct / examples;
    }

    /**
     * Adds up the minibatches of {@code cell} in minibatch order: floating-point addition is not
     * associative, and this order is the one of a single pass over all digits.
     *
     * @throws IllegalStateException unless the minibatches are exactly 0, 1, ..., n-1, each once
     */
    public static CellResult combine(Cell cell, List<MinibatchSums> minibatches) {
        List<MinibatchSums> ordered = minibatches.stream()
                .sorted(Comparator.comparingInt(MinibatchSums::batch))
                .toList();
        long examples = 0;
        double lossSum = 0;
        long correct = 0;
        double seconds = 0;
        for (int i = 0; i < ordered.size(); i++) {
            MinibatchSums sums = ordered.get(i);
            if (sums.batch() != i || !sums.cell().equals(cell)) {
                throw new IllegalStateException(cell + ": expected minibatch " + i + ", got " + sums);
            }
            examples += sums.examples();
            lossSum += sums.lossSum();
            correct += sums.correct();
            seconds += sums.seconds();
        }
        if (examples == 0) {
            throw new IllegalStateException(cell + ": no minibatch evaluated");
        }
        return new CellResult(cell, examples, lossSum, correct, seconds);
    }
}
