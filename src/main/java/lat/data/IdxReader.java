package lat.data;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.ZipException;
import lat.core.DataError;
import lat.io.HadoopFiles;
import lat.io.Sha256;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads one IDX file (gzip or raw) as a stream: the header on opening, then data in bulk, then
 * {@link #finish()}, which reads what is left, checks the file's length and returns the SHA-256 of
 * every decompressed byte. Every problem is a {@link DataError} naming the file and the expectation.
 */
public final class IdxReader implements Closeable {
    private static final int MAGIC_BYTES = 4;

    private final String file;
    private final InputStream in;
    private final MessageDigest sha256;
    private final IdxHeader header;
    private long dataBytesRead;
    /** The gzip stream ended without its trailer: the file was cut short. */
    private boolean gzipCutShort;

    private IdxReader(String file, InputStream decompressed) {
        this.file = file;
        this.sha256 = Sha256.newDigest();
        this.in = new DigestInputStream(decompressed, sha256);
        this.header = readHeader();
    }

    /** Opens {@code file} (any Hadoop path) and reads its header. */
    public static IdxReader open(String file, Configuration conf) {
        InputStream in = DataFiles.openDecompressed(file, conf);
        try {
            return new IdxReader(file, in);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    public String file() {
        return file;
    }

    public IdxHeader header() {
        return header;
    }

    /** The next {@code elements} elements of a ubyte file. */
    public byte[] readUbytes(int elements) {
        requireType(IdxType.UBYTE);
        byte[] data = new byte[elements];
        readData(data, elements);
        return data;
    }

    /** The next {@code elements} elements of a float32 file. */
    public float[] readFloats(int elements) {
        requireType(IdxType.FLOAT32);
        float[] data = new float[elements];
        byte[] chunk = new byte[DataFiles.BUFFER_BYTES];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        for (int done = 0; done < elements; ) {
            int count = Math.min(chunk.length / 4, elements - done);
            readData(chunk, count * 4);
            view.clear();
            view.asFloatBuffer().get(data, done, count);
            done += count;
        }
        return data;
    }

    /**
     * Reads the rest of the file, checks that it holds exactly the data its header declares, and
     * returns the SHA-256 (lower-case hex) of the whole decompressed file.
     */
    public String finish() {
        byte[] sink = new byte[DataFiles.BUFFER_BYTES];
        long extra = 0;
        for (int n; (n = read(sink, 0, sink.length)) > 0; ) {
            extra += n;
        }
        long found = dataBytesRead + extra;
        if (found < header.dataBytes()) {
            throw truncated(found);
        }
        if (found > header.dataBytes()) {
            throw new DataError(file + ": trailing garbage: header " + header + " declares " + header.dataBytes()
                    + " bytes of data, found " + found);
        }
        if (gzipCutShort) {
            throw new DataError(file + ": truncated gzip stream: all " + found
                    + " bytes of data are there but the gzip trailer is missing");
        }
        return Sha256.hex(sha256);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private IdxHeader readHeader() {
        byte[] magic = new byte[MAGIC_BYTES];
        int found = readUpTo(magic, MAGIC_BYTES);
        if (found < MAGIC_BYTES) {
            throw new DataError(file + ": truncated: expected a 4-byte IDX magic number, found " + found + " bytes");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataError(String.format(
                    "%s: not an IDX file: expected a magic number of two zero bytes,"
                            + " the type byte and the number of dimensions, found 0x%02X%02X%02X%02X",
                    file, magic[0], magic[1], magic[2], magic[3]));
        }
        IdxType type = IdxType.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new DataError(String.format(
                    "%s: unsupported IDX type byte 0x%02X: expected 0x08 (unsigned byte)" + " or 0x0D (float32)",
                    file, magic[2] & 0xFF));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims == 0) {
            throw new DataError(file + ": IDX header declares 0 dimensions, expected at least 1");
        }
        byte[] dimBytes = new byte[4 * ndims];
        int dimBytesFound = readUpTo(dimBytes, dimBytes.length);
        if (dimBytesFound < dimBytes.length) {
            throw new DataError(file + ": truncated: expected " + dimBytes.length + " bytes of dimensions in the"
                    + " IDX header, found " + dimBytesFound);
        }
        int[] dims = new int[ndims];
        ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(dims);
        try {
            return new IdxHeader(type, dims);
        } catch (IllegalArgumentException e) {
            throw new DataError(file + ": unsupported IDX header: " + e.getMessage());
        }
    }

    private void requireType(IdxType expected) {
        if (header.type() != expected) {
            throw new DataError(file + ": expected IDX type " + expected + ", found " + header);
        }
    }

    /** Reads exactly {@code length} bytes of data into {@code buffer}, or fails as truncated. */
    private void readData(byte[] buffer, int length) {
        if (dataBytesRead + length > header.dataBytes()) {
            throw new IllegalArgumentException("reading past the " + header.dataBytes() + " bytes of data of " + file);
        }
        int found = readUpTo(buffer, length);
        dataBytesRead += found;
        if (found < length) {
            throw truncated(dataBytesRead);
        }
    }

    private DataError truncated(long found) {
        return new DataError(file + ": truncated: header " + header + " declares " + header.dataBytes()
                + " bytes of data, found " + found);
    }

    /** Reads until {@code length} bytes or the end of the stream; returns how many were read. */
    private int readUpTo(byte[] buffer, int length) {
        int done = 0;
        for (int n; done < length && (n = read(buffer, done, length - done)) > 0; ) {
            done += n;
        }
        return done;
    }

    /** One read; the end of the stream is -1, a gzip stream cut short counts as its end. */
    private int read(byte[] buffer, int offset, int length) {
        try {
            return in.read(buffer, offset, length);
        } catch (EOFException e) {
            gzipCutShort = true;
            return -1;
        } catch (ZipException e) {
            throw new DataError(file + ": corrupt gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataError("cannot read " + file + ": " + HadoopFiles.describe(e), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing left to read from it; a close failure changes nothing.
        }
    }
}
