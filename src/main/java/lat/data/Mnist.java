package lat.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import lat.config.DataSettings;
import lat.core.DataError;
import lat.core.Dataset;
import lat.core.Images;
import lat.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Loads and validates a dataset in MNIST's layout (MNIST or Fashion-MNIST, {@code lat.data.dataset})
 * from a directory of its four IDX files, gzip or raw, on any Hadoop path.
 */
public final class Mnist {
    /** A {@code limit} that loads every digit. */
    public static final int ALL = Integer.MAX_VALUE;

    private static final String HINT =
            "; run 'lat fetch-data' to put the dataset (lat.data.dataset) there, or set lat.data.dir to a directory"
                    + " that holds it";

    /** The training set (60,000 digits) or the test set (10,000). */
    public enum Split {
        TRAIN(MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS),
        TEST(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);

        private final MnistFile images;
        private final MnistFile labels;

        Split(MnistFile images, MnistFile labels) {
            this.images = images;
            this.labels = labels;
        }

        public MnistFile images() {
            return images;
        }

        public MnistFile labels() {
            return labels;
        }
    }

    /** Sums that check nothing. */
    private static final DataSettings.Sha256 NO_CHECK = new DataSettings.Sha256("", "", "", "");

    /** Per JVM and split: the digits loaded last, and from where (executors load once, not per task). */
    private static final Map<Split, Loaded> LOADED = new EnumMap<>(Split.class);

    private record Loaded(String dir, int limit, Digits digits) {}

    private Mnist() {}

    /**
     * Loads the first {@code limit} digits of {@code split} (all of them where the files hold fewer;
     * {@link #ALL} for every digit) from {@code data.dir()}, which holds {@code <name>.gz} or
     * {@code <name>} for each file. Both files are read to the end: their length is checked, and
     * their SHA-256, which covers the whole file, must be the one configured ({@code lat.data.datasets.<name>.sha256}):
     * the one check, per run, that the data is the MNIST the run means.
     *
     * @throws DataError where a file is missing, malformed, not the configured one, or the two files disagree
     */
    public static Digits load(DataSettings data, Split split, int limit, Configuration conf) {
        return read(data.dir(), split, limit, conf, data.dataset(), data.sha256());
    }

    /**
     * Like {@link #load}, but once per JVM and without the checksum check, for the executors' many
     * tasks over the same data: the driver has checked the files with {@link #load}, and an
     * executor may compare its {@link Digits#imagesSha256()} with the driver's (evaluate does). The digits stay in
     * memory (one set per split, replaced when another directory or limit is asked for).
     */
    public static synchronized Digits loadOncePerJvm(String dir, Split split, int limit, Configuration conf) {
        Loaded loaded = LOADED.get(split);
        if (loaded == null || !loaded.dir().equals(dir) || loaded.limit() != limit) {
            // NO_CHECK never fails, so the dataset it would name does not matter
            loaded = new Loaded(dir, limit, read(dir, split, limit, conf, Dataset.MNIST, NO_CHECK));
            LOADED.put(split, loaded);
        }
        return loaded.digits();
    }

    /** {@link #load}, checking the files against {@code expected}, the sums of {@code dataset}'s files. */
    private static Digits read(
            String dir, Split split, int limit, Configuration conf, Dataset dataset, DataSettings.Sha256 expected) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        String imagesFile = locate(dir, split.images(), conf);
        String labelsFile = locate(dir, split.labels(), conf);
        try (IdxReader images = IdxReader.open(imagesFile, conf);
                IdxReader labels = IdxReader.open(labelsFile, conf)) {
            requireShape(images, "images", Images.SIDE, Images.SIDE);
            requireShape(labels, "labels");
            int count = images.header().count();
            if (labels.header().count() != count) {
                throw new DataError(imagesFile + " holds " + count + " images but " + labelsFile + " holds "
                        + labels.header().count() + " labels: expected as many labels as images");
            }
            byte[] allLabels = labels.readUbytes(count);
            String labelsSha256 = labels.finish();
            requireDigits(labelsFile, allLabels);

            int n = Math.min(limit, count);
            byte[] pixels = images.readUbytes(n * Images.PIXELS);
            String imagesSha256 = images.finish();
            // Checked last: a malformed file gets the more precise message above.
            split.labels().verify(labelsFile, labelsSha256, dataset, expected);
            split.images().verify(imagesFile, imagesSha256, dataset, expected);
            return new Digits(pixels, Arrays.copyOf(allLabels, n), imagesSha256, labelsSha256);
        }
    }

    /** {@code <dir>/<name>.gz}, else {@code <dir>/<name>}. */
    private static String locate(String dir, MnistFile file, Configuration conf) {
        Path dirPath = new Path(dir);
        try {
            if (!HadoopFiles.fileSystem(dirPath, conf).exists(dirPath)) {
                throw new DataError("data directory not found: " + dir + HINT);
            }
            return file.findIn(dir, conf)
                    .orElseThrow(() -> new DataError("data directory " + dir + " has " + file.neitherName() + HINT));
        } catch (IOException e) {
            throw new DataError("cannot look into data directory " + dir + ": " + HadoopFiles.describe(e) + HINT, e);
        }
    }

    /** Unsigned bytes of shape N x {@code itemDims}. */
    private static void requireShape(IdxReader reader, String what, int... itemDims) {
        IdxHeader header = reader.header();
        int[] dims = header.dims();
        boolean ok = header.type() == IdxType.UBYTE
                && dims.length == 1 + itemDims.length
                && Arrays.equals(dims, 1, dims.length, itemDims, 0, itemDims.length);
        if (!ok) {
            StringBuilder shape = new StringBuilder("N");
            for (int dim : itemDims) {
                shape.append(" x ").append(dim);
            }
            throw new DataError(reader.file() + ": expected MNIST " + what + " of type UBYTE and shape " + shape
                    + ", found " + header);
        }
    }

    private static void requireDigits(String file, byte[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= Images.CLASSES) {
                throw new DataError(
                        file + ": label " + (labels[i] & 0xFF) + " at index " + i + " is not a digit: expected 0..9");
            }
        }
    }
}
