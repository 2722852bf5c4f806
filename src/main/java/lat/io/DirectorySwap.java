package lat.io;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Replaces a whole directory (a table partition, a report) so that readers see the old content or
 * the new, never a mix or a half-written one: the new content is written into a hidden staging
 * sibling (names starting with '.' are invisible to Spark and Hive readers), then swapped in by
 * two renames, which are atomic metadata operations on HDFS and local file systems:
 * <pre>
 *   target -> .target.previous      (only if target exists)
 *   .target.staging-UUID -> target
 *   delete .target.previous
 * </pre>
 * Between the two renames (microseconds) the directory is briefly absent; it is never partial. A
 * failure while writing leaves the target untouched and removes the staging directory. Should the
 * process die between the renames, the next swap restores {@code .target.previous} first. On S3
 * (s3a), renames are copies and none of this is atomic.
 */
public final class DirectorySwap {
    private DirectorySwap() {
    }

    /** Writes the complete new content into the (not yet existing) staging directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path staging) throws IOException;
    }

    /**
     * Replaces {@code target} with what {@code writer} writes.
     *
     * @throws IOException when writing or renaming fails; the old target is then left in place
     */
    public static void replace(Path target, Configuration conf, Writer writer) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        Path parent = target.getParent();
        Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
        Path previous = new Path(parent, "." + target.getName() + ".previous");
        restoreInterruptedSwap(fs, target, previous);
        try {
            fs.mkdirs(parent);
            writer.write(staging);
            if (!fs.exists(staging)) {
                throw new IOException("nothing was written to " + staging);
            }
            if (fs.exists(target) && !fs.rename(target, previous)) {
                throw new IOException("cannot move " + target + " aside to " + previous);
            }
            if (!fs.rename(staging, target)) {
                fs.rename(previous, target);
                throw new IOException("cannot rename " + staging + " to " + target);
            }
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(staging, true);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        fs.delete(previous, true);
    }

    /** Undoes the first rename of a swap that died before its second: the old content comes back. */
    private static void restoreInterruptedSwap(FileSystem fs, Path target, Path previous) throws IOException {
        if (fs.exists(previous)) {
            if (fs.exists(target)) {
                fs.delete(previous, true);
            } else if (!fs.rename(previous, target)) {
                throw new IOException("cannot restore " + previous + " to " + target);
            }
        }
    }
}
