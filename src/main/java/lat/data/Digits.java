package lat.data;

import java.io.Serializable;
import java.util.Arrays;
import lat.core.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Some MNIST digits and their labels, immutable. Stored as the files' bytes (one byte per pixel), so
 * it is compact to keep and to ship to Spark executors; every accessor returns a fresh array.
 */
public final class Digits implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] pixels;
    private final byte[] labels;
    private final String imagesSha256;
    private final String labelsSha256;

    Digits(byte[] pixels, byte[] labels, String imagesSha256, String labelsSha256) {
        if (pixels.length != labels.length * Images.PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length + " digits");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.imagesSha256 = imagesSha256;
        this.labelsSha256 = labelsSha256;
    }

    /** The number of digits. */
    public int size() {
        return labels.length;
    }

    /** Every pixel, {@code size() * 784} values, digit by digit and row by row, scaled to [0, 1]. */
    public float[] pixels() {
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xFF) / 255f;
        }
        return scaled;
    }

    /** The digit (0..9) each image shows. */
    public int[] labels() {
        int[] digits = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            digits[i] = labels[i];
        }
        return digits;
    }

    /** The images as a float32 array of shape [size, 1, 28, 28] (NCHW), values in [0, 1]. */
    public INDArray images() {
        return Nd4j.create(pixels(), new long[] {size(), 1, Images.SIDE, Images.SIDE}, 'c');
    }

    /** The labels one-hot, a float32 array of shape [size, 10]. */
    public INDArray labelsOneHot() {
        float[] oneHot = new float[labels.length * Images.CLASSES];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * Images.CLASSES + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[] {size(), Images.CLASSES}, 'c');
    }

    /** SHA-256 of the whole decompressed images file these digits came from (not of this subset). */
    public String imagesSha256() {
        return imagesSha256;
    }

    /** SHA-256 of the whole decompressed labels file these labels came from (not of this subset). */
    public String labelsSha256() {
        return labelsSha256;
    }

    /** The first {@code n} digits (0 <= n <= size()). */
    public Digits head(int n) {
        return slice(0, n);
    }

    /** The digits at {@code indices}, in that order, e.g. one shuffled minibatch. */
    public Digits pick(int[] indices) {
        byte[] pickedPixels = new byte[indices.length * Images.PIXELS];
        byte[] pickedLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * Images.PIXELS, pickedPixels, i * Images.PIXELS, Images.PIXELS);
            pickedLabels[i] = labels[indices[i]];
        }
        return new Digits(pickedPixels, pickedLabels, imagesSha256, labelsSha256);
    }

    /** Digits {@code from} (inclusive) to {@code to} (exclusive), e.g. one shard or minibatch. */
    public Digits slice(int from, int to) {
        if (from < 0 || to < from || to > size()) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " digits");
        }
        return new Digits(
                Arrays.copyOfRange(pixels, from * Images.PIXELS, to * Images.PIXELS),
                Arrays.copyOfRange(labels, from, to),
                imagesSha256,
                labelsSha256);
    }
}
