package lat.export;

import java.io.IOException;
import java.util.Set;
import lat.core.DataError;
import lat.core.Images;
import lat.data.IdxArray;
import lat.data.IdxFile;
import lat.io.DirectorySwap;
import lat.io.OutputKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes crafted adversarial examples in the export format of docs/design.md, readable by any tool:
 * a directory with
 * <ul>
 *   <li>{@value #ADVERSARIAL}: IDX float32 (type 0x0D), N x 28 x 28, values in [0, 1];</li>
 *   <li>{@value #CLEAN}: the clean images they came from, same format;</li>
 *   <li>{@value #LABELS}: IDX ubyte, N labels.</li>
 * </ul>
 * Uncompressed, so a reader needs nothing beyond the IDX header. The directory is replaced whole
 * ({@link DirectorySwap}).
 */
public final class AdversarialExport {
    public static final String ADVERSARIAL = "adversarial-images-idx3-float32";
    public static final String CLEAN = "clean-images-idx3-float32";
    public static final String LABELS = "labels-idx1-ubyte";

    /** What {@link #write} leaves in its directory: the three files, nothing else. */
    public static final OutputKind KIND =
            OutputKind.directory("an adversarial-example export", Set.of(ADVERSARIAL, CLEAN, LABELS)::contains);

    private AdversarialExport() {}

    /**
     * Writes the export into {@code dir}, replacing an earlier export there.
     *
     * @param clean       N x 784 pixels in [0, 1], row-major
     * @param adversarial N x 784 pixels in [0, 1], row-major
     * @param labels      N digits
     */
    public static void write(String dir, float[] clean, float[] adversarial, int[] labels, Configuration conf) {
        int n = labels.length;
        byte[] labelBytes = new byte[n];
        for (int i = 0; i < n; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        try {
            Path target = new Path(dir);
            DirectorySwap.replace(target, target.getParent(), KIND, conf, staging -> {
                write(
                        new Path(staging, ADVERSARIAL),
                        IdxArray.ofFloats(adversarial, n, Images.SIDE, Images.SIDE),
                        conf);
                write(new Path(staging, CLEAN), IdxArray.ofFloats(clean, n, Images.SIDE, Images.SIDE), conf);
                write(new Path(staging, LABELS), IdxArray.ofUbytes(labelBytes, n), conf);
            });
        } catch (IOException e) {
            throw new DataError("cannot write adversarial examples to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, IdxArray array, Configuration conf) {
        IdxFile.write(file.toString(), array, IdxFile.Compression.RAW, conf);
    }
}
