package lat.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the header of an IDX file declares: the element type and the dimensions, outermost first
 * (MNIST images: N x 28 x 28; labels: N).
 */
public record IdxHeader(IdxType type, int[] dims) {

    public IdxHeader {
        dims = dims.clone();
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("an IDX file has 1 to 255 dimensions, not " + dims.length);
        }
        long elements = 1;
        for (int dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + describeDims(dims));
            }
            elements *= dim;
            if (elements > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many elements for one Java array: " + describeDims(dims));
            }
        }
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The size of the outermost dimension: the number of items (digits, labels). */
    public int count() {
        return dims[0];
    }

    /** Elements per item: the product of every dimension but the first. */
    public int itemElements() {
        int elements = 1;
        for (int i = 1; i < dims.length; i++) {
            elements *= dims[i];
        }
        return elements;
    }

    public int elementCount() {
        return count() * itemElements();
    }

    /** Bytes of data after the header. */
    public long dataBytes() {
        return (long) elementCount() * type.bytesPerElement();
    }

    /** Bytes of the header: the 4-byte magic number and 4 bytes per dimension. */
    public int headerBytes() {
        return 4 + 4 * dims.length;
    }

    /** The dimensions as people write them, e.g. "60000 x 28 x 28". */
    public String describeDims() {
        return describeDims(dims);
    }

    private static String describeDims(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdxHeader that && type == that.type && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return type + " " + describeDims();
    }
}
