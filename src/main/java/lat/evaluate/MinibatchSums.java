package lat.evaluate;

import java.io.Serializable;
import lat.attack.DigitScores;

/**
 * One minibatch of one cell as an evaluation task returns it: each digit's outcome, from which the
 * sums follow. The driver puts the minibatches in order (see {@link CellResult#combine}), so the
 * cell's sums are bit-for-bit those of a single pass over all digits, however they were sharded.
 *
 * @param batch   the minibatch's index among all the evaluated digits' minibatches
 * @param digits  each of its digits' label, prediction and cross-entropy on the cell's input
 * @param seconds time spent on it (crafting and scoring)
 */
public record MinibatchSums(Cell cell, int batch, DigitScores digits, double seconds) implements Serializable {
    public long examples() {
        return digits.size();
    }

    /** Summed cross-entropy (natural log) of its digits, in digit order. */
    public double lossSum() {
        return digits.lossSum();
    }

    /** Its digits the model classified correctly. */
    public long correct() {
        return digits.correct();
    }
}
