package lat.attack;

import java.io.Serializable;
import java.util.List;
import lat.core.Check;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a network scored each of a sequence of digits: its label, the class the network predicted
 * (argmax of its output) and the digit's cross-entropy. The sums ({@link #lossSum()},
 * {@link #correct()}) are computed from these values, in digit order, so that per-digit outcomes add
 * up to the sums exactly, by construction.
 *
 * @param labels    each digit's true class
 * @param predicted each digit's predicted class
 * @param losses    each digit's cross-entropy (natural log), the network's float widened to double
 * @param brokenBy  each digit's attack that first fooled it (an {@code AttackMethod} id; for the worst
 *                  case the one of its attacks that did), null where none did or the input is clean
 */
public record DigitScores(int[] labels, int[] predicted, double[] losses, String[] brokenBy) implements Serializable {
    public DigitScores {
        Check.that(
                labels.length == predicted.length && labels.length == losses.length && labels.length == brokenBy.length,
                "as many labels, predictions, losses and attributions, got " + labels.length + ", " + predicted.length
                        + ", " + losses.length + ", " + brokenBy.length);
    }

    /** These scores with {@code brokenBy} as each digit's attribution. */
    public DigitScores withBrokenBy(String[] brokenBy) {
        return new DigitScores(labels, predicted, losses, brokenBy);
    }

    /** The scores of a minibatch from the network's per-digit {@code losses} [n], {@code probabilities} [n, 10] and one-hot {@code labels}. */
    public static DigitScores of(INDArray losses, INDArray probabilities, INDArray labels) {
        int[] truth = labels.argMax(1).castTo(DataType.INT32).toIntVector();
        return new DigitScores(
                truth,
                probabilities.argMax(1).castTo(DataType.INT32).toIntVector(),
                losses.castTo(DataType.DOUBLE).toDoubleVector(),
                new String[truth.length]);
    }

    /** {@code parts} one after the other. */
    public static DigitScores concat(List<DigitScores> parts) {
        int n = parts.stream().mapToInt(DigitScores::size).sum();
        int[] labels = new int[n];
        int[] predicted = new int[n];
        double[] losses = new double[n];
        String[] brokenBy = new String[n];
        int at = 0;
        for (DigitScores part : parts) {
            System.arraycopy(part.labels, 0, labels, at, part.size());
            System.arraycopy(part.predicted, 0, predicted, at, part.size());
            System.arraycopy(part.losses, 0, losses, at, part.size());
            System.arraycopy(part.brokenBy, 0, brokenBy, at, part.size());
            at += part.size();
        }
        return new DigitScores(labels, predicted, losses, brokenBy);
    }

    public int size() {
        return labels.length;
    }

    /** Whether digit {@code i} was classified correctly. */
    public boolean correct(int i) {
        return predicted[i] == labels[i];
    }

    /** Digits classified correctly. */
    public long correct() {
        long correct = 0;
        for (int i = 0; i < size(); i++) {
            correct += correct(i) ? 1 : 0;
        }
        return correct;
    }

    /** The losses added in digit order, as doubles: the one order, so that every sum of them is bit-for-bit the same. */
    public double lossSum() {
        double sum = 0;
        for (double loss : losses) {
            sum += loss;
        }
        return sum;
    }
}
