package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import lat.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A well-formed IDX file that is not the MNIST file configured (lat.data.datasets.mnist.sha256) is refused by the
 * commands that read MNIST, before any work, with exit status 3.
 */
class MnistIdentityTest {
    @TempDir
    static Path dir;

    static Path model;
    /** The committed slice, with one pixel of the last test image changed: well-formed, but another file. */
    static Path altered;

    @BeforeAll
    static void setUp() throws IOException {
        model = dir.resolve("model.zip");
        Path plain = TestData.configFile(dir.resolve("plain.conf"), dir.resolve("output"), "");
        assertEquals(
                0,
                CommandLineTest.run(
                        new StringBuilder(), "init-model", "-c", plain.toString(), "--out", model.toString()));
        altered = Files.createDirectories(dir.resolve("altered"));
        for (String name :
                new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
                }) {
            Files.copy(Path.of(TestData.mnistDir(), name), altered.resolve(name));
        }
        byte[] images;
        try (InputStream in =
                new GZIPInputStream(Files.newInputStream(Path.of(TestData.mnistDir(), "t10k-images-idx3-ubyte.gz")))) {
            images = in.readAllBytes();
        }
        images[images.length - 1] ^= 1;
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(altered.resolve("t10k-images-idx3-ubyte.gz")))) {
            out.write(images);
        }
    }

    @Test
    void attackRefusesAnMnistFileWhoseChecksumIsNotTheConfiguredOne() throws IOException {
        StringBuilder err = new StringBuilder();

        int status = attackAlteredSlice("", "output", err);

        assertEquals(3, status, err.toString());
        String message = err.toString();
        assertTrue(message.contains(altered.resolve("t10k-images-idx3-ubyte.gz").toString()), message);
        assertTrue(message.contains("lat.data.datasets.mnist.sha256.test-images"), message);
        assertEquals(1, message.strip().lines().count(), "one line: " + message);
        assertTrue(Files.notExists(dir.resolve("output")), "nothing written");
    }

    @Test
    void anEmptyChecksumSkipsTheCheckForThatFile() throws IOException {
        StringBuilder err = new StringBuilder();

        int status = attackAlteredSlice("lat.data.datasets.mnist.sha256.test-images = \"\"", "output-skip", err);

        assertEquals(0, status, err.toString());
    }

    /** {@code attack} on 5 digits of the altered slice, with {@code extra} configuration; stderr into {@code err}. */
    private static int attackAlteredSlice(String extra, String output, StringBuilder err) throws IOException {
        Path config = TestData.configFile(
                dir.resolve(output + ".conf"), dir.resolve(output), "lat.data.dir = \"" + altered + "\"\n" + extra);
        return CommandLineTest.run(
                err,
                "attack",
                "-c",
                config.toString(),
                "--model",
                model.toString(),
                "--attack",
                "standard",
                "--examples",
                "5",
                "--steps",
                "2");
    }
}
