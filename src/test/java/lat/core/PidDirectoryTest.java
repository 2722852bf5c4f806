package lat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidDirectoryTest {
    @TempDir
    Path base;

    /**
     * A SIGKILLed JVM's directory goes; a live JVM's, a dead pid's that is still in use (another PID
     * namespace), and anything not named like lat's stay.
     */
    @Test
    void sweepRemovesOnlyTheDirectoriesOfDeadProcesses() throws Exception {
        long dead = deadPid();
        long deadButInUse = deadPid();
        Files.writeString(Files.createDirectories(base.resolve("lat-x-" + dead)).resolve("cnc.dat"), "left behind");
        Files.createDirectories(base.resolve("lat-x-" + deadButInUse));
        Files.createDirectories(base.resolve("lat-x-" + ProcessHandle.current().pid()));
        Files.createDirectories(base.resolve("lat-y-" + dead));
        Files.createDirectories(base.resolve("lat-x-abc"));

        Path mine = PidDirectory.claim(base, "lat-x-", dir -> dir.endsWith("lat-x-" + deadButInUse));

        assertEquals(base.resolve("lat-x-" + ProcessHandle.current().pid()), mine);
        try (var left = Files.list(base)) {
            assertEquals(
                    Set.of(
                            "lat-x-" + deadButInUse,
                            "lat-x-" + ProcessHandle.current().pid(),
                            "lat-y-" + dead,
                            "lat-x-abc"),
                    left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    private static long deadPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        return finished.pid();
    }
}
