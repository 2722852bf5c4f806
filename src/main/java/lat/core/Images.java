package lat.core;

/**
 * The geometry of the images lat works on: MNIST digits, one grey channel, 28 x 28 pixels in [0, 1],
 * ten classes. Every array shape in the project is written with these names, never with literals.
 */
public final class Images {
    /** Rows and columns of an image. */
    public static final int SIDE = 28;
    /** Pixels of an image. */
    public static final int PIXELS = SIDE * SIDE;
    /** Colour channels (grey). */
    public static final int CHANNELS = 1;
    /** Classes a network tells apart: the digits 0 to 9. */
    public static final int CLASSES = 10;

    private Images() {}

    /** The shape of {@code n} images in NCHW order: [n, 1, 28, 28]. */
    public static long[] batchShape(long n) {
        return new long[] {n, CHANNELS, SIDE, SIDE};
    }
}
