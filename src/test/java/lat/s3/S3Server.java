package lat.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 server on loopback for tests: S3Proxy (org.gaul:s3proxy, its jar-with-dependencies,
 * copied to target/s3proxy/ by the build) in a JVM of its own, serving a bucket from a directory
 * (jclouds' filesystem store: each object is a file under {@link #storeDir()}, so a test can look
 * at every byte that reached the store). It checks AWS signatures (v2 and v4) against one key pair.
 * Give lat the settings of {@link #hadoopSettings()} (as {@code spark.hadoop.*} system properties or
 * {@code --conf}) or the environment of {@link #credentialsEnvironment()} plus {@link #endpointSettings()}.
 * Close it to stop the server; the store's directory is left for the test to look at.
 */
public final class S3Server implements AutoCloseable {
    /** Credentials unlike any other string of a run, so that a search for them finds only leaks. */
    public static final String ACCESS_KEY = "AKIALATTESTQ7Z3K9XW2";

    public static final String SECRET_KEY = "latSecret/Vr8pQ2mZx5Ns4Ht7Yb1Kc9Wd3Je6Lf";

    private final Path storeDir;
    private final String host;
    private final int port;
    private final Process process;

    private S3Server(Path storeDir, String host, int port, Process process) {
        this.storeDir = storeDir;
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts S3Proxy on a free loopback port with {@code buckets} (empty) under {@code workDir}/store,
     * and waits until it answers (seconds; a minute under load).
     */
    public static S3Server start(Path workDir, String... buckets) throws IOException, InterruptedException {
        return launch(workDir, "127.0.0.1", buckets);
    }

    /**
     * As {@link #start(Path, String...)}, listening on {@code host}: an address other machines (or
     * network namespaces) reach, such as a test cluster's bridge.
     */
    public static S3Server startOn(Path workDir, String host, String... buckets)
            throws IOException, InterruptedException {
        return launch(workDir, host, buckets);
    }

    private static S3Server launch(Path workDir, String host, String... buckets)
            throws IOException, InterruptedException {
        Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (mvn generate-test-resources)");
        }
        Path store = Files.createDirectories(workDir.resolve("store"));
        for (String bucket : buckets) {
            Files.createDirectories(store.resolve(bucket)); // a bucket of the filesystem store is a directory
        }
        int port = freePort();
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://" + host + ":" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + store,
                        ""));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                jar.toString(),
                "--properties",
                properties.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("s3proxy.log").toFile())
                .start();
        S3Server server = new S3Server(store, host, port, process);
        try {
            server.awaitReady(180);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String endpoint() {
        return "http://" + host + ":" + port;
    }

    /** Where the store keeps bucket {@code bucket}: its objects are the files below. */
    public Path storeDir() {
        return storeDir;
    }

    /** S3A's settings for this server without credentials: endpoint, path-style access, plain HTTP. */
    public Map<String, String> endpointSettings() {
        return endpointSettings(endpoint());
    }

    /** S3A's settings for an S3 server at {@code endpoint} without credentials. */
    public static Map<String, String> endpointSettings(String endpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fs.s3a.endpoint", endpoint);
        settings.put("fs.s3a.endpoint.region", "us-east-1");
        settings.put("fs.s3a.path.style.access", "true");
        settings.put("fs.s3a.connection.ssl.enabled", "false");
        // S3Proxy's filesystem store left S3A's bulk deletes of directory markers (after every
        // write) unanswered; markers kept, and single deletes, as many S3-compatible stores need
        settings.put("fs.s3a.directory.marker.retention", "keep");
        settings.put("fs.s3a.multiobjectdelete.enable", "false");
        return settings;
    }

    /** {@link #endpointSettings()} with the credentials as Hadoop settings. */
    public Map<String, String> hadoopSettings() {
        Map<String, String> settings = endpointSettings();
        settings.put("fs.s3a.access.key", ACCESS_KEY);
        settings.put("fs.s3a.secret.key", SECRET_KEY);
        return settings;
    }

    /** The credentials as S3A's environment provider reads them. */
    public static Map<String, String> credentialsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** A Hadoop configuration for this server (credentials included), with a fresh S3A client. */
    public Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        hadoopSettings().forEach(conf::set);
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        return conf;
    }

    /** {@code settings} as JVM options {@code -Dspark.hadoop.<key>=<value>}. */
    public static List<String> sparkHadoopOptions(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> "-Dspark.hadoop." + e.getKey() + "=" + e.getValue())
                .toList();
    }

    private void awaitReady(int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy ended with status " + process.exitValue() + " (see s3proxy.log)");
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.getResponseCode(); // 403 without a signature: it answers
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        throw new IOException("S3Proxy did not answer at " + endpoint() + " within " + seconds + " s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
