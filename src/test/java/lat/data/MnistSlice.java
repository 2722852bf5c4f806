package lat.data;

import java.net.URISyntaxException;
import java.nio.file.Path;
import lat.TestData;
import lat.config.DataSettings;

/** The slice of MNIST in src/test/resources/mnist (see its README): 2,000 training and 500 test digits. */
final class MnistSlice {
    static final int TRAIN_SIZE = 2000;
    static final int TEST_SIZE = 500;

    /** The slice's data settings (TestData's configuration), with the SHA-256 of each decompressed file. */
    static final DataSettings DATA = TestData.data();

    private MnistSlice() {}

    /** The SHA-256 of {@code file} of the slice, decompressed. */
    static String sha256(MnistFile file) {
        return file.expectedSha256(DATA.sha256());
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
