package lat.data;

/** The element types of an IDX file this project reads and writes, with their type byte. */
public enum IdxType {
    /** Unsigned byte (type byte 0x08): MNIST pixels and labels. */
    UBYTE(0x08, 1),
    /** Big-endian IEEE 754 float (type byte 0x0D): exported adversarial images. */
    FLOAT32(0x0D, 4);

    private final int code;
    private final int bytesPerElement;

    IdxType(int code, int bytesPerElement) {
        this.code = code;
        this.bytesPerElement = bytesPerElement;
    }

    /** The third byte of the file's magic number. */
    public int code() {
        return code;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** The type with this type byte, or null where the byte names a type this project does not support. */
    static IdxType ofCode(int code) {
        for (IdxType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
