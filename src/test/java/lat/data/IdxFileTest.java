package lat.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import lat.core.DataError;
import lat.data.IdxFile.Compression;
import lat.io.Sha256;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdxFileTest {
    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void ubytesRoundTripIn3d(Compression compression) throws IOException {
        byte[] data = new byte[4 * 3 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37); // covers values above 127
        }
        String file = "file://" + dir.resolve("images");
        IdxFile.write(file, IdxArray.ofUbytes(data, 4, 3, 5), compression, conf);

        IdxArray read = IdxFile.read(file, conf);
        assertEquals(IdxType.UBYTE, read.type());
        assertArrayEquals(new int[] {4, 3, 5}, read.dims());
        assertArrayEquals(data, read.ubytes());
        byte[] onDisk = Files.readAllBytes(dir.resolve("images"));
        assertEquals(compression == Compression.GZIP, onDisk[0] == (byte) 0x1f && onDisk[1] == (byte) 0x8b);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void floatsRoundTripIn1dAnd3d(Compression compression) {
        // More values than one conversion chunk, special values included.
        float[] large = new float[70_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = i / 7f - 5000f;
        }
        large[1] = Float.NaN;
        large[2] = Float.NEGATIVE_INFINITY;
        large[3] = -0f;
        String flat = dir.resolve("flat.idx").toString();
        IdxFile.write(flat, IdxArray.ofFloats(large, large.length), compression, conf);
        IdxArray read = IdxFile.read(flat, conf);
        assertEquals(IdxType.FLOAT32, read.type());
        assertArrayEquals(new int[] {large.length}, read.dims());
        assertArrayEquals(large, read.floats());

        float[] cube = {0f, 0.25f, 0.5f, 1f, 0.3f, 0.7f};
        String images = dir.resolve("adversarial").toString();
        IdxFile.write(images, IdxArray.ofFloats(cube, 1, 2, 3), compression, conf);
        assertArrayEquals(cube, IdxFile.read(images, conf).floats());
    }

    @Test
    void writesBigEndianHeaderAndData() throws IOException {
        String file = dir.resolve("one").toString();
        IdxFile.write(file, IdxArray.ofFloats(new float[] {1f}, 1), Compression.RAW, conf);
        assertArrayEquals(
                new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3f, (byte) 0x80, 0, 0},
                Files.readAllBytes(dir.resolve("one")));
    }

    @Test
    void writingLeavesNoTemporaryOrChecksumFiles() throws IOException {
        String file = dir.resolve("sub/labels").toString();
        IdxFile.write(file, IdxArray.ofUbytes(new byte[] {1, 2}, 2), Compression.GZIP, conf);
        IdxFile.write(file, IdxArray.ofUbytes(new byte[] {3}, 1), Compression.GZIP, conf); // replaces it
        assertArrayEquals(new byte[] {3}, IdxFile.read(file, conf).ubytes());
        assertEquals(1, fileNames(dir.resolve("sub")).length, Arrays.toString(fileNames(dir.resolve("sub"))));
        assertEquals(1, fileNames(dir).length, Arrays.toString(fileNames(dir)));
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        String file = dir.resolve("broken").toString();
        RuntimeException failure = new IllegalStateException("body failed");
        assertEquals(
                failure,
                assertThrows(
                        IllegalStateException.class,
                        () -> DataFiles.writeAtomically(file, conf, out -> {
                            out.write(1);
                            throw failure;
                        })));
        assertEquals(0, fileNames(dir).length, Arrays.toString(fileNames(dir)));
    }

    @Test
    void gzipIsToldByContentNotName() throws IOException {
        Files.write(dir.resolve("raw.gz"), idx(0x08, new int[] {2}, new byte[] {7, 8}));
        Files.write(dir.resolve("packed"), gzip(idx(0x08, new int[] {2}, new byte[] {7, 8})));
        assertArrayEquals(
                new byte[] {7, 8},
                IdxFile.read(dir.resolve("raw.gz").toString(), conf).ubytes());
        assertArrayEquals(
                new byte[] {7, 8},
                IdxFile.read(dir.resolve("packed").toString(), conf).ubytes());
    }

    @Test
    void readerReadsPartThenHashesTheWholeFile() throws IOException {
        byte[] bytes = idx(0x08, new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6});
        Path file = dir.resolve("partial");
        Files.write(file, bytes);
        try (IdxReader reader = IdxReader.open(file.toString(), conf)) {
            assertArrayEquals(new byte[] {1, 2}, reader.readUbytes(2));
            assertEquals(
                    Sha256.copy(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream()), reader.finish());
        }
    }

    @Test
    void wrongMagicNumber() throws IOException {
        byte[] bytes = idx(0x08, new int[] {1}, new byte[] {0});
        bytes[1] = 0x01;
        assertError(write("magic", bytes), "not an IDX file", "two zero bytes", "0x00010801");
    }

    @Test
    void unsupportedTypeByte() throws IOException {
        assertError(
                write("int32", idx(0x0C, new int[] {1}, new byte[4])),
                "unsupported IDX type byte 0x0C",
                "expected 0x08",
                "0x0D");
    }

    @Test
    void zeroDimensions() throws IOException {
        assertError(write("scalar", new byte[] {0, 0, 8, 0}), "0 dimensions", "expected at least 1");
    }

    @Test
    void truncatedHeader() throws IOException {
        assertError(write("short", new byte[] {0, 0, 8, 3, 0, 0}), "truncated", "expected 12 bytes of dimensions");
    }

    @Test
    void truncatedRawData() throws IOException {
        assertError(
                write("cut", idx(0x08, new int[] {2, 28, 28}, new byte[1000])),
                "truncated",
                "declares 1568 bytes of data, found 1000");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] zipped = gzip(idx(0x08, new int[] {100_000}, randomBytes(100_000)));
        String file = write("cut.gz", Arrays.copyOf(zipped, zipped.length / 2));
        DataError error = assertThrows(DataError.class, () -> IdxFile.read(file, conf));
        assertTrue(
                error.getMessage()
                        .matches(".*truncated: header UBYTE 100000 declares 100000 bytes of data, " + "found \\d+$"),
                error.getMessage());
        assertTrue(error.getMessage().startsWith(file), error.getMessage());
    }

    @Test
    void gzipStreamWithoutTrailer() throws IOException {
        byte[] zipped = gzip(idx(0x08, new int[] {3}, new byte[] {1, 2, 3}));
        assertError(write("notrailer.gz", Arrays.copyOf(zipped, zipped.length - 8)), "truncated gzip stream");
    }

    @Test
    void trailingGarbage() throws IOException {
        assertError(
                write("long", idx(0x08, new int[] {2}, new byte[] {1, 2, 3})),
                "trailing garbage",
                "declares 2 bytes of data, found 3");
    }

    @Test
    void missingFile() {
        assertError(dir.resolve("absent").toString(), "cannot read", "does not exist");
    }

    /** Reading {@code file} fails with a DataError naming it and saying each of {@code expected}. */
    private void assertError(String file, String... expected) {
        DataError error = assertThrows(DataError.class, () -> IdxFile.read(file, conf));
        assertTrue(error.getMessage().contains(file), error.getMessage());
        for (String part : expected) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' not in: " + error.getMessage());
        }
    }

    private String write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes).toString();
    }

    private static String[] fileNames(Path directory) {
        return directory.toFile().list();
    }

    /** An IDX file's bytes, built by hand rather than by the code under test. */
    static byte[] idx(int typeByte, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put(new byte[] {0, 0, (byte) typeByte, (byte) dims.length});
        for (int dim : dims) {
            buffer.putInt(dim);
        }
        return buffer.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(1).nextBytes(bytes);
        return bytes;
    }
}
