package lat.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files through Hadoop's FileSystem API (file://, hdfs://, s3a://, plain local paths), written
 * atomically: into a hidden temporary sibling first, renamed into place only when complete, so
 * a reader never sees a half-written file and a failure leaves nothing behind.
 */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * The file system of {@code path}. Local file systems write no .crc side files, so outputs are
     * clean for other tools; distributed ones keep their own integrity checks.
     */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof LocalFileSystem) {
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
        }
        return fs;
    }

    /**
     * Fails fast, before any work, when {@code dir} cannot be written: not creatable (a file in the
     * way, no permission, an unreachable store) or refusing a file.
     *
     * @throws DataError (exit 3) naming the directory and why
     */
    public static void requireWritableDir(Path dir, Configuration conf) {
        try {
            FileSystem fs = fileSystem(dir, conf);
            if (!fs.mkdirs(dir)) {
                throw new IOException("cannot create the directory");
            }
            Path probe = new Path(dir, ".lat-probe-" + UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new DataError("cannot write to " + dir + ": " + e.getMessage()
                    + " (lat.output-dir must be a writable directory)", e);
        }
    }

    /** A hidden sibling of {@code target} to write into before the rename. */
    public static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /**
     * Writes {@code target} atomically, replacing an existing file.
     *
     * @throws IOException naming the target when writing or renaming fails; nothing is left behind
     */
    public static void writeAtomically(Path target, Configuration conf, Writer writer) throws IOException {
        FileSystem fs = fileSystem(target, conf);
        Path temporary = temporarySibling(target);
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(temporary, true)) {
                writer.write(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace " + target);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
        } catch (IOException | RuntimeException | Error e) {
            // Error too: Hadoop's local file system reports a full disk as FSError
            deleteQuietly(fs, temporary, e);
            throw e;
        }
    }

    /** Deletes {@code path} after {@code failure}; a failure to delete is added to it, not thrown. */
    static void deleteQuietly(FileSystem fs, Path path, Throwable failure) {
        try {
            fs.delete(path, true);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
