package lat.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
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
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(temporary, true);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
