package lat.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lat.TestData;
import lat.config.DataSettings;
import lat.core.DataError;
import lat.core.Dataset;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST as lat.data.dataset: the real files where Debian's dataset-fashion-mnist installs
 * them (CI installs the package; elsewhere the tests that need them are skipped, saying why), and a
 * checksum mismatch that names the dataset.
 */
class FashionMnistTest {
    private static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** Fashion-MNIST's settings with {@code extra} on top. */
    private static DataSettings fashion(String extra) {
        return TestData.settings(Path.of("unused-output"), "lat.data.dataset = fashion-mnist\n" + extra)
                .data();
    }

    /** Skips outside CI when the package is not installed; in CI its absence is a failure. */
    private static void requireDebianFiles() {
        boolean present = Files.isDirectory(DEBIAN_DIR);
        if (!present && System.getenv("CI") != null) {
            fail(DEBIAN_DIR + " is missing: .ci/run installs dataset-fashion-mnist");
        }
        assumeTrue(present, DEBIAN_DIR + " is missing: apt-get install dataset-fashion-mnist to run this test");
    }

    @Test
    void mnistFilesAreRefusedAsFashionMnistNamingTheFileAndTheDataset() {
        DataSettings data = fashion("lat.data.dir = \"" + MnistSlice.dir() + "\"");

        DataError error = assertThrows(DataError.class, () -> Mnist.load(data, Mnist.Split.TEST, 10, conf));

        String message = error.getMessage();
        assertTrue(
                message.contains("t10k-labels-idx1-ubyte.gz is not the t10k-labels-idx1-ubyte of Fashion-MNIST"
                        + " configured (lat.data.dataset = fashion-mnist)"),
                message);
        assertTrue(message.contains("(lat.data.datasets.fashion-mnist.sha256.test-labels)"), message);
        assertEquals(3, error.exitCode());
    }

    @Test
    void debiansFilesAreFashionMnistAsConfigured() {
        requireDebianFiles();
        DataSettings data = fashion("lat.data.dir = \"" + DEBIAN_DIR + "\"");

        Digits test = Mnist.load(data, Mnist.Split.TEST, Mnist.ALL, conf);

        assertEquals(10_000, test.size());
        // Fashion-MNIST's first test image is an ankle boot, its second a pullover
        assertEquals("Ankle boot", Dataset.FASHION_MNIST.className(test.labels()[0]));
        assertEquals("Pullover", Dataset.FASHION_MNIST.className(test.labels()[1]));
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count); // a balanced test set: 1,000 images per class
        }
    }

    @Tag("slow")
    @Test
    void fetchDataTakesTheFilesFromDebiansPackageDirectory() throws IOException {
        requireDebianFiles();
        DataSettings data = fashion(
                "lat.data.dir = \"" + dir.resolve("target") + "\"\n" + "lat.data.datasets.fashion-mnist.mirrors = []");
        List<String> progress = new ArrayList<>();

        new MnistFetcher(data, conf).fetch(data.dir(), progress::add);

        assertEquals(4, progress.size(), progress.toString());
        progress.forEach(line -> assertTrue(line.endsWith(": from package directory " + DEBIAN_DIR), line));
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            assertEquals(4, files.count());
        }
        assertEquals(500, Mnist.load(data, Mnist.Split.TRAIN, 500, conf).size()); // with the checksums
    }
}
