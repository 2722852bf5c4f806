package lat.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import lat.TestData;
import lat.config.DataSettings;
import lat.config.SettingsLoader;
import lat.core.DataError;
import lat.data.IdxFile.Compression;
import lat.data.Mnist.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MnistTest {
    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    @Test
    void loadsTheTrainingSlice() {
        Digits train = Mnist.load(TestData.dataIn(MnistSlice.dir().toString()), Split.TRAIN, Mnist.ALL, conf);

        assertEquals(MnistSlice.TRAIN_SIZE, train.size());
        float[] pixels = train.pixels();
        assertEquals(MnistSlice.TRAIN_SIZE * 784, pixels.length);
        float min = 1;
        float max = 0;
        for (float pixel : pixels) {
            min = Math.min(min, pixel);
            max = Math.max(max, pixel);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);

        int[] labels = train.labels();
        assertEquals(5, labels[0]); // MNIST's first training digit is a 5
        int[] histogram = new int[10];
        for (int label : labels) {
            histogram[label]++;
        }
        for (int count : histogram) {
            assertTrue(count > 150 && count < 250, Arrays.toString(histogram));
        }
        assertEquals(MnistSlice.sha256(MnistFile.TRAIN_IMAGES), train.imagesSha256());
        assertEquals(MnistSlice.sha256(MnistFile.TRAIN_LABELS), train.labelsSha256());
    }

    @Test
    void loadsTheTestSliceAsNd4jArrays() {
        Digits test = Mnist.load(TestData.dataIn(MnistSlice.dir().toString()), Split.TEST, Mnist.ALL, conf);
        assertEquals(MnistSlice.TEST_SIZE, test.size());
        assertEquals(7, test.labels()[0]); // MNIST's first test digit is a 7

        INDArray images = test.images();
        assertArrayEquals(new long[] {500, 1, 28, 28}, images.shape());
        assertEquals(DataType.FLOAT, images.dataType());
        assertArrayEquals(test.pixels(), images.data().asFloat());

        INDArray oneHot = test.labelsOneHot();
        assertArrayEquals(new long[] {500, 10}, oneHot.shape());
        assertEquals(DataType.FLOAT, oneHot.dataType());
        assertEquals(500.0, oneHot.sumNumber().doubleValue());
        assertArrayEquals(test.labels(), oneHot.argMax(1).toIntVector());
    }

    @Test
    void limitAndHeadKeepTheFirstDigitsAndTheWholeFilesChecksums() {
        Digits all = Mnist.load(TestData.dataIn(MnistSlice.dir().toString()), Split.TEST, Mnist.ALL, conf);
        Digits first = Mnist.load(TestData.dataIn(MnistSlice.dir().toString()), Split.TEST, 20, conf);

        assertEquals(20, first.size());
        assertArrayEquals(Arrays.copyOf(all.labels(), 20), first.labels());
        assertArrayEquals(Arrays.copyOf(all.pixels(), 20 * 784), first.pixels());
        assertEquals(all.imagesSha256(), first.imagesSha256());
        assertEquals(all.labelsSha256(), first.labelsSha256());
        assertArrayEquals(first.labels(), all.head(20).labels());
        assertArrayEquals(
                Arrays.copyOfRange(all.labels(), 10, 30), all.slice(10, 30).labels());
        assertThrows(IndexOutOfBoundsException.class, () -> all.head(501));
    }

    @Test
    void readsRawFilesThroughAFileUri() {
        for (MnistFile file : MnistFile.values()) {
            IdxArray array =
                    IdxFile.read(MnistSlice.dir().resolve(file.gzName()).toString(), conf);
            IdxFile.write(dir.resolve(file.fileName()).toString(), array, Compression.RAW, conf);
        }
        Digits test = Mnist.load(TestData.dataIn(dir.toUri().toString()), Split.TEST, Mnist.ALL, conf);
        assertEquals(MnistSlice.TEST_SIZE, test.size());
        assertEquals(MnistSlice.sha256(MnistFile.TEST_IMAGES), test.imagesSha256());
    }

    @Test
    void aFileThatIsNotTheConfiguredOneIsRefusedNamingBothSumsAndTheKey() {
        String wrong = "ab".repeat(32);
        DataSettings data = TestData.settings(dir, "lat.data.datasets.mnist.sha256.test-labels = \"" + wrong + "\"")
                .data();

        DataError error = assertThrows(DataError.class, () -> Mnist.load(data, Split.TEST, 10, conf));

        assertMentions(
                error,
                "t10k-labels-idx1-ubyte.gz is not the t10k-labels-idx1-ubyte of MNIST configured (lat.data.dataset = mnist): its SHA-256 "
                        + "(decompressed) is " + MnistSlice.sha256(MnistFile.TEST_LABELS) + ", expected " + wrong
                        + " (lat.data.datasets.mnist.sha256.test-labels)",
                "lat fetch-data",
                "\"\" skips the check");
        assertEquals(3, error.exitCode());
    }

    @Test
    void theRealMnistSumsRefuseTheSlice() {
        DataSettings defaults = SettingsLoader.from(
                        ConfigFactory.parseString("lat.data.dir = \"" + MnistSlice.dir() + "\"")
                                .withFallback(ConfigFactory.defaultReference()))
                .data();

        DataError error = assertThrows(DataError.class, () -> Mnist.load(defaults, Split.TRAIN, 10, conf));

        assertMentions(error, "train-labels-idx1-ubyte.gz", "lat.data.datasets.mnist.sha256.train-labels");
    }

    @Test
    void anEmptySumSkipsTheCheckOfThatFileOnly() {
        DataSettings data = TestData.settings(
                        dir,
                        "lat.data.datasets.mnist.sha256 { test-labels = \"\", test-images = \"" + "0".repeat(64)
                                + "\" }")
                .data();

        DataError error = assertThrows(DataError.class, () -> Mnist.load(data, Split.TEST, 10, conf));

        assertMentions(error, "t10k-images-idx3-ubyte.gz", "lat.data.datasets.mnist.sha256.test-images");
    }

    @Test
    void missingDirectory() {
        String missing = dir.resolve("nowhere").toString();
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(missing), Split.TRAIN, 10, conf));
        assertMentions(error, missing, "lat fetch-data", "lat.data.dir");
    }

    @Test
    void missingFile() {
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 10, conf));
        assertMentions(error, dir.toString(), "t10k-images-idx3-ubyte.gz", "lat fetch-data", "lat.data.dir");
    }

    @Test
    void imagesOfTheWrongShape() {
        writeTest(IdxArray.ofUbytes(new byte[2 * 784], 2, 784), IdxArray.ofUbytes(new byte[2], 2));
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 10, conf));
        assertMentions(
                error,
                "t10k-images-idx3-ubyte",
                "expected MNIST images of type UBYTE and shape N x 28 x 28",
                "found UBYTE 2 x 784");
    }

    @Test
    void labelsOfTheWrongType() {
        writeTest(IdxArray.ofUbytes(new byte[2 * 784], 2, 28, 28), IdxArray.ofFloats(new float[2], 2));
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 10, conf));
        assertMentions(
                error, "t10k-labels-idx1-ubyte", "expected MNIST labels of type UBYTE and shape N", "found FLOAT32 2");
    }

    @Test
    void countsThatDisagree() {
        writeTest(IdxArray.ofUbytes(new byte[2 * 784], 2, 28, 28), IdxArray.ofUbytes(new byte[3], 3));
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 10, conf));
        assertMentions(
                error,
                "t10k-images-idx3-ubyte",
                "holds 2 images",
                "t10k-labels-idx1-ubyte",
                "holds 3 labels",
                "expected as many labels as images");
    }

    @Test
    void labelThatIsNoDigit() {
        writeTest(IdxArray.ofUbytes(new byte[3 * 784], 3, 28, 28), IdxArray.ofUbytes(new byte[] {1, 10, 2}, 3));
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 1, conf));
        assertMentions(error, "t10k-labels-idx1-ubyte", "label 10 at index 1", "expected 0..9");
    }

    @Test
    void truncatedImages() throws IOException {
        writeTest(IdxArray.ofUbytes(new byte[3 * 784], 3, 28, 28), IdxArray.ofUbytes(new byte[3], 3));
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 100));
        // Even when the digits asked for are all there, the rest of the file is checked.
        DataError error =
                assertThrows(DataError.class, () -> Mnist.load(TestData.dataIn(dir.toString()), Split.TEST, 1, conf));
        assertMentions(error, images.toString(), "truncated", "declares 2352 bytes of data, found 2252");
    }

    private void writeTest(IdxArray images, IdxArray labels) {
        IdxFile.write(dir.resolve("t10k-images-idx3-ubyte").toString(), images, Compression.RAW, conf);
        IdxFile.write(dir.resolve("t10k-labels-idx1-ubyte").toString(), labels, Compression.RAW, conf);
    }

    private static void assertMentions(DataError error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' not in: " + error.getMessage());
        }
    }
}
