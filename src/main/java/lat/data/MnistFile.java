package lat.data;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The four files of MNIST (LeCun, Cortes, Burges) with the SHA-256 of each file decompressed: gzip
 * headers differ between copies, the payload does not.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final String sha256;

    MnistFile(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
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

    /** SHA-256 (lower-case hex) of the decompressed file. */
    public String sha256() {
        return sha256;
    }

    /** Every file's SHA-256, the checksums {@link MnistFetcher} verifies by default. */
    public static Map<MnistFile, String> sha256s() {
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        for (MnistFile file : values()) {
            sums.put(file, file.sha256);
        }
        return sums;
    }
}
