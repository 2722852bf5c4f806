package lat.data;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The slice of MNIST in src/test/resources/mnist (see its README): 2,000 training and 500 test digits. */
final class MnistSlice {
    static final int TRAIN_SIZE = 2000;
    static final int TEST_SIZE = 500;

    /** SHA-256 of each decompressed slice file (sha256sum of zcat). */
    static final Map<MnistFile, String> SHA256 = Map.of(
            MnistFile.TRAIN_IMAGES, "729d340c0177402770b27c04f817dfb40ed8844459b35a9f11ae21067b05cf19",
            MnistFile.TRAIN_LABELS, "90795ea2219655a7281c0d6756d0ae8a33bebac7ec84bac89bbdcc5e3baa9f8c",
            MnistFile.TEST_IMAGES, "de0a55d8eb2a23fce4f596c5234b08b9c8ee685583a2b0e52f3a78eca48f9d89",
            MnistFile.TEST_LABELS, "60e902e82445d902e245e1b039469f36936d63cb28e81527a7bbba247c240af3");

    private MnistSlice() {
    }

    /** The directory of the four .gz files on the test class path. */
    static Path dir() {
        try {
            return Path.of(MnistSlice.class.getResource("/mnist").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
