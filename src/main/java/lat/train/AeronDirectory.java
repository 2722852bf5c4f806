package lat.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives this JVM's embedded Aeron media driver (DL4J's parameter-server transport) a directory of
 * its own, removed when the JVM exits. Without it every training JVM leaves a randomly named
 * {@code /dev/shm/aeron-*} directory (~8 MB) behind. A JVM killed with SIGKILL still leaves its
 * directory; it is named after the process id. Call before the transport starts; a directory
 * set with {@code -Daeron.dir} is left alone.
 */
final class AeronDirectory {
    private AeronDirectory() {
    }

    static synchronized void claim() {
        if (System.getProperty("aeron.dir") != null) {
            return;
        }
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = base.resolve("lat-aeron-" + ProcessHandle.current().pid());
        System.setProperty("aeron.dir", dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "lat-aeron-cleanup"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove Aeron directory " + dir, e);
        }
    }
}
