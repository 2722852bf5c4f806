package lat.data;

/**
 * The contents of an IDX file: its header and its elements in row-major order, as a {@code byte[]}
 * for {@link IdxType#UBYTE} (values 0..255 stored in Java's signed bytes) or a {@code float[]} for
 * {@link IdxType#FLOAT32}. Wraps the array it is given without copying (these can be tens of MB):
 * do not modify it afterwards.
 */
public final class IdxArray {
    private final IdxHeader header;
    private final byte[] ubytes;
    private final float[] floats;

    private IdxArray(IdxHeader header, byte[] ubytes, float[] floats) {
        int length = ubytes != null ? ubytes.length : floats.length;
        if (length != header.elementCount()) {
            throw new IllegalArgumentException(length + " elements do not fill shape " + header.describeDims());
        }
        this.header = header;
        this.ubytes = ubytes;
        this.floats = floats;
    }

    /** Unsigned bytes of shape {@code dims}. */
    public static IdxArray ofUbytes(byte[] data, int... dims) {
        return new IdxArray(new IdxHeader(IdxType.UBYTE, dims), data, null);
    }

    /** Float32 values of shape {@code dims}. */
    public static IdxArray ofFloats(float[] data, int... dims) {
        return new IdxArray(new IdxHeader(IdxType.FLOAT32, dims), null, data);
    }

    public IdxHeader header() {
        return header;
    }

    public IdxType type() {
        return header.type();
    }

    public int[] dims() {
        return header.dims();
    }

    /** The elements of a {@link IdxType#UBYTE} array (the array itself, not a copy). */
    public byte[] ubytes() {
        if (ubytes == null) {
            throw new IllegalStateException("a " + header + " array has no unsigned bytes");
        }
        return ubytes;
    }

    /** The elements of a {@link IdxType#FLOAT32} array (the array itself, not a copy). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("a " + header + " array has no floats");
        }
        return floats;
    }
}
