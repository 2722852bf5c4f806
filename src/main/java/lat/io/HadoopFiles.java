package lat.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.UUID;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files through Hadoop's FileSystem API (file://, hdfs://, s3a://, plain local paths), written
 * atomically, so a reader never sees a half-written file and a failure leaves nothing behind: on
 * file systems into a hidden temporary sibling first, renamed into place only when complete; on
 * object stores, where a rename is a copy, as one upload of the complete content, which the store
 * makes visible at once (an S3 PUT replaces an object atomically for readers).
 */
public final class HadoopFiles {
    /** Schemes of object stores: no atomic rename, but an object appears whole or not at all. */
    private static final Set<String> OBJECT_STORES =
            Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "wasb", "wasbs");

    private HadoopFiles() {}

    /**
     * What went wrong with a store, short enough for a one-line error: S3A's messages repeat the
     * SDK's request details, sometimes twice. Credentials never appear in them.
     */
    public static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof java.nio.file.AccessDeniedException || message.contains("Status Code: 403")) {
                return "access denied (HTTP 403): the store refused the credentials (S3A takes them from "
                        + "fs.s3a.access.key and fs.s3a.secret.key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
            }
            if (cause.getClass().getSimpleName().equals("UnknownStoreException") || message.contains("NoSuchBucket")) {
                return "the bucket does not exist";
            }
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException) {
                return "cannot connect to the store (" + message + "; S3A's endpoint is fs.s3a.endpoint)";
            }
        }
        return e.getMessage();
    }

    /** True for object stores (S3 and its kin), where renames are copies and uploads are atomic. */
    public static boolean isObjectStore(FileSystem fs) {
        return OBJECT_STORES.contains(fs.getScheme());
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
            throw new DataError(
                    "cannot write to " + dir + ": " + describe(e) + " (lat.output-dir must be a writable directory)",
                    e);
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
        if (isObjectStore(fs)) {
            upload(fs, target, writer);
            return;
        }
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

    /**
     * One upload of the complete content: buffered first, so that a writer that fails uploads
     * nothing (an output stream closed after a failure would upload what it got). S3A uploads at
     * close and, when that fails, leaves no object. lat's files are megabytes at most.
     */
    private static void upload(FileSystem fs, Path target, Writer writer) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writer.write(content);
        try (OutputStream out = fs.create(target, true)) {
            content.writeTo(out);
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
