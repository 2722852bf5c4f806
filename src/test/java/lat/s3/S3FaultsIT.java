package lat.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lat.TestData;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * S3 faults against a real S3 server (S3Proxy on loopback), each through the command line in a JVM of
 * its own: the command must stop within seconds (lat's bounded S3A retries), with exit status 3 and
 * one line naming the path and what is wrong (no stack trace), and leave nothing half-written.
 * Each test prints what it observed and how long it took (the target/failsafe-reports output).
 */
class S3FaultsIT {
    static final java.nio.file.Path WORK =
            java.nio.file.Path.of("target/it-s3-faults").toAbsolutePath();
    static final String BUCKET = "lat";
    /** Generous for a loaded 2-core machine (a JVM alone took 20 s at load 25); S3A's own defaults took minutes. */
    static final Duration BOUND = Duration.ofSeconds(120);

    static S3Server server;
    static java.nio.file.Path config;

    @BeforeAll
    static void startServer() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        server = S3Server.start(WORK, BUCKET);
        try (FileSystem fs =
                FileSystem.get(java.net.URI.create("s3a://" + BUCKET + "/"), server.hadoopConfiguration())) {
            for (String name : mnistFiles()) {
                byte[] whole = Files.readAllBytes(java.nio.file.Path.of(TestData.mnistDir(), name));
                put(fs, "mnist/" + name, whole, whole.length);
                // the same files with the training images cut short: an interrupted upload
                put(fs, "truncated/" + name, whole, name.startsWith("train-images") ? whole.length / 2 : whole.length);
            }
        }
        config = TestData.configFile(
                WORK.resolve("s3.conf"),
                WORK.resolve("unused"),
                String.join(
                        "\n",
                        "lat.data.dir = \"s3a://" + BUCKET + "/mnist\"",
                        "lat.model { conv1-channels = 8, conv2-channels = 16, dense-units = 64 }",
                        "lat.train { steps = 4, checkpoint-every = 2, shards = 1 }",
                        "lat.spark.master = \"local[1]\""));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMissingBucketIsNamed() throws Exception {
        LatProcess lat = lat(
                "missing-bucket",
                Map.of(),
                server.hadoopSettings(),
                "evaluate",
                "--set",
                "output-dir=\"s3a://no-such-bucket/lat\"");
        assertFailedClearly(lat, "s3a://no-such-bucket/lat", "bucket");
    }

    @Test
    void wrongCredentialsAreNamedAndNotPrinted() throws Exception {
        String wrongSecret = "wrongSecret/Q9x8c7v6b5n4m3";
        LatProcess lat = lat(
                "wrong-credentials",
                Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", wrongSecret),
                server.endpointSettings(),
                "report",
                "--set",
                "output-dir=\"s3a://" + BUCKET + "/wrong-credentials\"");
        assertFailedClearly(lat, "s3a://" + BUCKET + "/wrong-credentials", "credentials");
        assertFalse(lat.output().contains(wrongSecret), "the secret key was printed");
        assertNothingUnder("wrong-credentials");
    }

    @Test
    void anUnreachableEndpointFailsInSeconds() throws Exception {
        // a loopback port where nothing listens
        Map<String, String> settings = new java.util.LinkedHashMap<>(server.hadoopSettings());
        settings.putAll(S3Server.endpointSettings("http://127.0.0.1:" + S3Server.freePort()));
        LatProcess lat = lat(
                "unreachable",
                Map.of(),
                settings,
                "report",
                "--set",
                "output-dir=\"s3a://" + BUCKET + "/unreachable\"");
        assertFailedClearly(lat, "s3a://" + BUCKET + "/unreachable", "127.0.0.1");
    }

    @Test
    void aTruncatedIdxFileInTheBucketIsNamedAndNothingIsTrained() throws Exception {
        LatProcess lat = lat(
                "truncated",
                Map.of(),
                server.hadoopSettings(),
                "train",
                "--models",
                "natural",
                "--set",
                "data.dir=\"s3a://" + BUCKET + "/truncated\"",
                "--set",
                "output-dir=\"s3a://" + BUCKET + "/truncated-out\"");
        assertFailedClearly(lat, "s3a://" + BUCKET + "/truncated/train-images-idx3-ubyte.gz", "");
        assertNothingUnder("truncated-out/models");
    }

    /** Runs lat with {@code hadoop} as spark.hadoop.* system properties and prints what happened. */
    private static LatProcess lat(
            String name, Map<String, String> environment, Map<String, String> hadoop, String... arguments)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--config", config.toString(), "--run-id", name));
        LatProcess lat = LatProcess.run(
                WORK.resolve(name + ".log"),
                environment,
                S3Server.sparkHadoopOptions(hadoop),
                600,
                all.toArray(String[]::new));
        System.out.printf(
                "%s: exit %d after %.1f s: %s%n",
                name, lat.status(), lat.elapsed().toMillis() / 1000.0, lat.errorLines());
        return lat;
    }

    /** Exit 3 within the bound, one error line naming {@code path} (and {@code what}), no stack trace. */
    private static void assertFailedClearly(LatProcess lat, String path, String what) {
        assertEquals(3, lat.status(), lat.toString());
        assertTrue(lat.elapsed().compareTo(BOUND) < 0, "took " + lat.elapsed() + ": " + lat);
        assertEquals(1, lat.errorLines().size(), lat.toString());
        String error = lat.errorLines().get(0);
        assertTrue(error.contains(path), "the error names " + path + ": " + error);
        assertTrue(error.contains(what), "the error says '" + what + "': " + error);
        assertFalse(lat.output().contains("\tat "), "a stack trace:\n" + lat.output());
        assertFalse(lat.output().contains(S3Server.SECRET_KEY), "the secret key was printed");
    }

    /** No object at all under {@code prefix} of the bucket (directories of the store do not count). */
    private static void assertNothingUnder(String prefix) throws IOException {
        java.nio.file.Path dir = server.storeDir().resolve(BUCKET).resolve(prefix);
        if (Files.exists(dir)) {
            try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                List<java.nio.file.Path> objects =
                        files.filter(Files::isRegularFile).toList();
                assertEquals(List.of(), objects, "left behind under " + prefix);
            }
        }
    }

    /** One object of the bucket: the first {@code length} bytes of {@code content}. */
    static void put(FileSystem fs, String key, byte[] content, int length) throws IOException {
        try (OutputStream out = fs.create(new Path("s3a://" + BUCKET + "/" + key), true)) {
            out.write(content, 0, length);
        }
    }

    static List<String> mnistFiles() {
        return List.of(
                "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
    }

    static void deleteRecursively(java.nio.file.Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
                for (java.nio.file.Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
