package lat.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Whole-file IDX reading and writing (the format of LeCun's MNIST files: a magic number of two
 * zero bytes, a type byte and the number of dimensions, then each dimension as a big-endian int,
 * then the elements, big-endian, row-major). Paths are Hadoop paths; see {@link lat.io.HadoopFiles}.
 * For reading part of a file, or checking its shape before reading, use {@link IdxReader}.
 */
public final class IdxFile {

    /** How {@link #write} stores the file. Reading tells gzip from raw by the first bytes. */
    public enum Compression {
        RAW,
        GZIP
    }

    private IdxFile() {}

    /** Reads and validates the whole of {@code file}, gzip or raw. */
    public static IdxArray read(String file, Configuration conf) {
        try (IdxReader reader = IdxReader.open(file, conf)) {
            IdxHeader header = reader.header();
            IdxArray array = switch (header.type()) {
                case UBYTE -> IdxArray.ofUbytes(reader.readUbytes(header.elementCount()), header.dims());
                case FLOAT32 -> IdxArray.ofFloats(reader.readFloats(header.elementCount()), header.dims());
            };
            reader.finish();
            return array;
        }
    }

    /** Writes {@code array} to {@code file} atomically (see {@link lat.io.HadoopFiles#writeAtomically}). */
    public static void write(String file, IdxArray array, Compression compression, Configuration conf) {
        DataFiles.writeAtomically(file, conf, out -> {
            GZIPOutputStream gzip =
                    compression == Compression.GZIP ? new GZIPOutputStream(out, DataFiles.BUFFER_BYTES) : null;
            DataOutputStream data =
                    new DataOutputStream(new BufferedOutputStream(gzip != null ? gzip : out, DataFiles.BUFFER_BYTES));
            writeHeader(data, array.header());
            switch (array.type()) {
                case UBYTE -> data.write(array.ubytes());
                case FLOAT32 -> writeFloats(data, array.floats());
            }
            data.flush();
            if (gzip != null) {
                gzip.finish();
            }
        });
    }

    private static void writeHeader(DataOutputStream out, IdxHeader header) throws IOException {
        int[] dims = header.dims();
        out.writeShort(0);
        out.writeByte(header.type().code());
        out.writeByte(dims.length);
        for (int dim : dims) {
            out.writeInt(dim);
        }
    }

    /** Big-endian floats, converted a chunk at a time rather than one writeFloat call each. */
    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(DataFiles.BUFFER_BYTES).order(ByteOrder.BIG_ENDIAN);
        FloatBuffer floats = chunk.asFloatBuffer();
        for (int done = 0; done < values.length; ) {
            int count = Math.min(floats.capacity(), values.length - done);
            floats.clear();
            floats.put(values, done, count);
            out.write(chunk.array(), 0, count * 4);
            done += count;
        }
    }
}
