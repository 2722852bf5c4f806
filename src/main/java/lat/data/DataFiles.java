package lat.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import lat.core.DataError;
import lat.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opening data files, gzip or raw, on any Hadoop path; failures are DataErrors naming the file. */
final class DataFiles {
    static final int BUFFER_BYTES = 1 << 16;

    private DataFiles() {}

    /** Opens {@code file} for reading, decompressing it where it is gzip. */
    static InputStream openDecompressed(String file, Configuration conf) {
        Path path = new Path(file);
        try {
            return decompressed(HadoopFiles.fileSystem(path, conf).open(path));
        } catch (IOException e) {
            throw new DataError("cannot read " + file + ": " + HadoopFiles.describe(e), e);
        }
    }

    /**
     * {@code in}, buffered, and decompressed where it starts with the gzip magic bytes 0x1f 0x8b;
     * file names are not trusted to say.
     */
    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
        try {
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            return gzip ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
        } catch (IOException e) {
            buffered.close();
            throw e;
        }
    }

    /** Writes {@code file} atomically (see {@link HadoopFiles#writeAtomically}); failures as DataErrors. */
    static void writeAtomically(String file, Configuration conf, HadoopFiles.Writer writer) {
        try {
            HadoopFiles.writeAtomically(new Path(file), conf, writer);
        } catch (IOException e) {
            throw new DataError("cannot write " + file + ": " + HadoopFiles.describe(e), e);
        }
    }
}
