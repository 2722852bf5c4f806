package lat.io;

import java.io.IOException;
import java.util.function.Predicate;
import lat.core.ConfigError;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What lat writes at a place, so that it replaces only what it wrote: an output path never destroys
 * a user's directory or file that happens to be there ({@code attack --out output} once wiped every
 * trained model). Each writer defines its kind beside the code that writes it, recognised by content.
 *
 * @param description what it is, for the message ("a report")
 * @param directory   a directory of files (else a single file)
 * @param recognises  for a directory: each file name it may hold; for a file: the file itself
 */
public record OutputKind(String description, boolean directory, Recogniser recognises) {

    /** Recognises one entry of this kind (a file of the directory, or the file). */
    @FunctionalInterface
    public interface Recogniser {
        boolean test(FileSystem fs, Path path) throws IOException;
    }

    /** A directory holding only files whose names {@code names} accepts. */
    public static OutputKind directory(String description, Predicate<String> names) {
        return new OutputKind(description, true, (fs, path) -> names.test(path.getName()));
    }

    /** A single file that {@code recognises} accepts. */
    public static OutputKind file(String description, Recogniser recognises) {
        return new OutputKind(description, false, recognises);
    }

    /**
     * Fails unless {@code target} is absent or holds this kind of output; call it before any work.
     *
     * @throws ConfigError (exit 2) naming the path and what was expected there
     * @throws DataError (exit 3) when the path cannot be looked at (an unreachable store)
     */
    public void requireReplaceable(Path target, Configuration conf) {
        try {
            FileSystem fs = HadoopFiles.fileSystem(target, conf);
            if (!fs.exists(target) || isThisKind(fs, fs.getFileStatus(target))) {
                return;
            }
        } catch (IOException e) {
            throw new DataError("cannot look at the output path " + target + ": " + HadoopFiles.describe(e), e);
        }
        throw new ConfigError("refusing to replace " + target + ": it exists and is not " + description
                + " written by lat; choose another path, or move it away yourself");
    }

    private boolean isThisKind(FileSystem fs, FileStatus status) throws IOException {
        if (directory != status.isDirectory()) {
            return false;
        }
        if (!directory) {
            return recognises.test(fs, status.getPath());
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            if (child.isDirectory() || !recognises.test(fs, child.getPath())) {
                return false;
            }
        }
        return true;
    }
}
