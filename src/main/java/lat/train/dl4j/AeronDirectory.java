package lat.train.dl4j;

import io.aeron.CommonContext;
import java.nio.file.Files;
import java.nio.file.Path;
import lat.core.PidDirectory;

/**
 * Gives this JVM's embedded Aeron media driver (DL4J's parameter-server transport) a directory of
 * its own, removed when the JVM exits. Without it every training JVM leaves a randomly named
 * {@code /dev/shm/aeron-*} directory (~8 MB) behind. A JVM killed with SIGKILL still leaves its
 * directory, named after its process id: the next lat JVM on the host that claims one removes those
 * of processes that no longer run and whose media driver no longer beats (Aeron's own liveness
 * check, so a live driver of another PID namespace sharing /dev/shm is left alone). Call before the
 * transport starts; a directory set with {@code -Daeron.dir} is left alone.
 */
public final class AeronDirectory {
    static final String PREFIX = "lat-aeron-";
    /** Aeron's default driver timeout: a driver silent for longer is dead. */
    private static final long DRIVER_TIMEOUT_MS = 10_000;

    private AeronDirectory() {}

    public static synchronized void claim() {
        if (System.getProperty("aeron.dir") != null) {
            return;
        }
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        System.setProperty(
                "aeron.dir",
                PidDirectory.claim(base, PREFIX, AeronDirectory::driverActive).toString());
    }

    private static boolean driverActive(Path dir) {
        try {
            return CommonContext.isDriverActive(dir.toFile(), DRIVER_TIMEOUT_MS, message -> {});
        } catch (RuntimeException unreadable) {
            return false; // a CnC file of another Aeron version or a torn one: no driver we could share
        }
    }
}
