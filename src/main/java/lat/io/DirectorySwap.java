package lat.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Replaces a whole directory (a table partition, a report, an export) so that readers see the old
 * content or the new, never a mix or a half-written one: the new content is written into a staging
 * directory, then swapped in by two renames, which are atomic metadata operations on HDFS and local
 * file systems:
 * <pre>
 *   target -> &lt;staging&gt;/.target.previous      (only if target exists)
 *   &lt;staging&gt;/.target.staging-UUID -> target
 *   delete &lt;staging&gt;/.target.previous
 * </pre>
 * The staging directory is the caller's choice: outside a table's directory tree, so that readers
 * globbing {@code **}{@code /*.parquet} never meet a staging copy. Between the two renames
 * (microseconds) the directory is briefly absent; it is never partial. A failure while writing
 * leaves the target untouched and removes the staging copy; copies left by a killed process are
 * swept by the next swap of the same target (callers hold the run's lock, so none is live), and a
 * swap that died between its renames is undone first. On object stores (S3) renames are copies and
 * a directory swap is not atomic; {@link #replaceOneFile} is, there too, for a directory of one file.
 */
public final class DirectorySwap {
    private DirectorySwap() {}

    /** Writes the complete new content into the (not yet existing) staging directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path staging) throws IOException;
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, staging under {@code stagingDir}.
     *
     * @param kind what lat writes there: anything else at {@code target} is refused, not replaced
     * @throws lat.core.ConfigError when {@code target} holds something that is not {@code kind}
     * @throws IOException when writing or renaming fails; the old target is then left in place
     */
    public static void replace(Path target, Path stagingDir, OutputKind kind, Configuration conf, Writer writer)
            throws IOException {
        kind.requireReplaceable(target, conf);
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        Path staging = new Path(stagingDir, stagingPrefix(target) + UUID.randomUUID());
        Path previous = new Path(stagingDir, "." + target.getName() + ".previous");
        restoreInterruptedSwap(fs, target, previous);
        sweepStaleStaging(fs, target, stagingDir);
        try {
            fs.mkdirs(target.getParent());
            fs.mkdirs(stagingDir);
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
        } catch (IOException | RuntimeException | Error e) {
            HadoopFiles.deleteQuietly(fs, staging, e);
            throw e;
        }
        fs.delete(previous, true);
    }

    /**
     * Replaces {@code target}, a directory of one file named {@code fileName}, with the one file
     * among what {@code writer} writes whose name {@code content} accepts (Spark's part file, beside
     * its markers). On file systems as {@link #replace} does, the file renamed to {@code fileName}
     * first. On object stores, where a directory cannot be swapped, by one upload of that file onto
     * {@code target/fileName}, which an object store makes visible at once: readers see the old
     * object or the new one, never a mix, and never an absent one. (Other files found in
     * {@code target}, from an older layout, are deleted just before: their rows vanish before the new
     * ones appear, so even then there is no mix.)
     */
    public static void replaceOneFile(
            Path target,
            String fileName,
            Predicate<String> content,
            Path stagingDir,
            OutputKind kind,
            Configuration conf,
            Writer writer)
            throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        if (!HadoopFiles.isObjectStore(fs)) {
            // the raw file system: a local one's listing hides Spark's .crc files, and its rename moves them along
            FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            replace(target, stagingDir, kind, conf, staging -> {
                writer.write(staging);
                Path file = theOneFile(raw, staging, content);
                for (FileStatus other : raw.listStatus(staging, path -> !path.equals(file))) {
                    raw.delete(other.getPath(), true);
                }
                if (!raw.rename(file, new Path(staging, fileName))) {
                    throw new IOException("cannot rename " + file + " to " + fileName);
                }
            });
            return;
        }
        kind.requireReplaceable(target, conf);
        Path staging = new Path(stagingDir, stagingPrefix(target) + UUID.randomUUID());
        sweepStaleStaging(fs, target, stagingDir);
        try {
            writer.write(staging);
            Path file = theOneFile(fs, staging, content);
            if (fs.exists(target)) {
                for (FileStatus other :
                        fs.listStatus(target, path -> !path.getName().equals(fileName))) {
                    fs.delete(other.getPath(), true);
                }
            }
            HadoopFiles.writeAtomically(new Path(target, fileName), conf, out -> {
                try (InputStream in = fs.open(file)) {
                    in.transferTo(out);
                }
            });
        } finally {
            fs.delete(staging, true);
        }
    }

    private static Path theOneFile(FileSystem fs, Path dir, Predicate<String> content) throws IOException {
        List<Path> files = java.util.Arrays.stream(fs.listStatus(dir, path -> content.test(path.getName())))
                .map(FileStatus::getPath)
                .toList();
        if (files.size() != 1) {
            throw new IOException("expected one file in " + dir + ", found " + files);
        }
        return files.get(0);
    }

    private static String stagingPrefix(Path target) {
        return "." + target.getName() + ".staging-";
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

    /** Staging copies of {@code target} left by a killed process, here or beside the target (older lat). */
    private static void sweepStaleStaging(FileSystem fs, Path target, Path stagingDir) throws IOException {
        for (Path dir : new Path[] {stagingDir, target.getParent()}) {
            if (fs.exists(dir)) {
                for (FileStatus stale :
                        fs.listStatus(dir, path -> path.getName().startsWith(stagingPrefix(target)))) {
                    fs.delete(stale.getPath(), true);
                }
            }
        }
    }
}
