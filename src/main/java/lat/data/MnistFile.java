package lat.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lat.config.DataSettings;
import lat.core.DataError;
import lat.core.Dataset;
import lat.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The four IDX files of a dataset in MNIST's layout (MNIST, Fashion-MNIST: same names, same shapes).
 * The SHA-256 each must have, decompressed (gzip headers differ between copies, the payload does
 * not), is configured per dataset: {@code lat.data.datasets.<name>.sha256}.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", "train-images", DataSettings.Sha256::trainImages),
    TRAIN_LABELS("train-labels-idx1-ubyte", "train-labels", DataSettings.Sha256::trainLabels),
    TEST_IMAGES("t10k-images-idx3-ubyte", "test-images", DataSettings.Sha256::testImages),
    TEST_LABELS("t10k-labels-idx1-ubyte", "test-labels", DataSettings.Sha256::testLabels);

    private final String fileName;
    private final String sha256Key;
    private final Function<DataSettings.Sha256, String> expected;

    MnistFile(String fileName, String sha256Key, Function<DataSettings.Sha256, String> expected) {
        this.fileName = fileName;
        this.sha256Key = sha256Key;
        this.expected = expected;
    }

    /** The raw file's name, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** The compressed file's name, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzName() {
        return fileName + ".gz";
    }

    /**
     * The file in {@code dir} (any Hadoop path): {@code <dir>/<name>.gz}, else {@code <dir>/<name>};
     * empty when neither exists.
     */
    public Optional<String> findIn(String dir, Configuration conf) throws IOException {
        Path dirPath = new Path(dir);
        FileSystem fs = HadoopFiles.fileSystem(dirPath, conf);
        for (String name : List.of(gzName(), fileName())) {
            Path path = new Path(dirPath, name);
            if (fs.isFile(path)) {
                return Optional.of(path.toString());
            }
        }
        return Optional.empty();
    }

    /** "neither x.gz nor x", for the message when {@link #findIn} finds nothing. */
    public String neitherName() {
        return "neither " + gzName() + " nor " + fileName();
    }

    /** The SHA-256 this file must have, decompressed, as configured; empty for no check. */
    public String expectedSha256(DataSettings.Sha256 sums) {
        return expected.apply(sums);
    }

    /**
     * The configuration key of {@link #expectedSha256} for {@code dataset}, e.g.
     * {@code lat.data.datasets.mnist.sha256.train-images}.
     */
    public String sha256Key(Dataset dataset) {
        return DataSettings.datasetKey(dataset) + ".sha256." + sha256Key;
    }

    /**
     * Checks {@code actual}, the SHA-256 of {@code path} (this file of {@code dataset}) decompressed,
     * against {@code sums}; a mismatch names the file, the dataset, both sums and the key to change.
     *
     * @throws DataError where the sums differ (never where none is configured)
     */
    public void verify(String path, String actual, Dataset dataset, DataSettings.Sha256 sums) {
        if (!matches(actual, sums)) {
            String wanted = expectedSha256(sums);
            String key = sha256Key(dataset);
            throw new DataError(path + " is not the " + fileName + " of " + dataset.title()
                    + " configured (lat.data.dataset = " + dataset.id() + "): its SHA-256 (decompressed) is "
                    + actual + ", expected " + wanted + " (" + key + "); run 'lat fetch-data' for " + dataset.title()
                    + ", or, for a copy you trust, set " + key + " to its SHA-256 (\"\" skips the check)");
        }
    }

    /** Whether {@code actual} is the SHA-256 configured for this file, or none is. */
    public boolean matches(String actual, DataSettings.Sha256 sums) {
        String wanted = expectedSha256(sums);
        return wanted.isEmpty() || wanted.equals(actual);
    }
}
