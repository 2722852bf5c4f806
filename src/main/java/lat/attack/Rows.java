package lat.attack;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Picking and writing back some images (rows) of a minibatch: the later attacks run only on survivors. */
final class Rows {
    private Rows() {}

    /** The rows where {@code keep} is true, in order. */
    static int[] where(boolean[] keep) {
        return IntStream.range(0, keep.length).filter(i -> keep[i]).toArray();
    }

    /** All rows of a minibatch of {@code n}: 0, 1, ..., n - 1. */
    static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** A fresh array of {@code array}'s rows {@code rows} (any shape whose first axis is the image). */
    static INDArray take(INDArray array, int[] rows) {
        long[] shape = array.shape().clone();
        long width = array.length() / shape[0];
        shape[0] = rows.length;
        return Nd4j.pullRows(array.reshape('c', array.size(0), width), 1, rows).reshape('c', shape);
    }

    /** In place: row {@code rows[i]} of {@code target} becomes row i of {@code source}. */
    static void put(INDArray target, int[] rows, INDArray source) {
        INDArray flat = target.reshape('c', target.size(0), target.length() / target.size(0));
        INDArray from = source.reshape('c', source.size(0), source.length() / source.size(0));
        for (int i = 0; i < rows.length; i++) {
            flat.putRow(rows[i], from.getRow(i));
        }
    }

    /** Each image's label: the argmax of its one-hot row. */
    static int[] classes(INDArray oneHotOrScores) {
        return oneHotOrScores.argMax(1).toIntVector();
    }
}
