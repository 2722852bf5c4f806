package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AeronDirectoryTest {
    @TempDir
    Path base;

    /** A SIGKILLed JVM's directory goes; a live JVM's, and anything not named like lat's, stay. */
    @Test
    void sweepRemovesOnlyTheDirectoriesOfDeadProcesses() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectories(base.resolve(AeronDirectory.PREFIX + finished.pid()));
        Files.writeString(dead.resolve("cnc.dat"), "no driver beats here");
        Files.createDirectories(base.resolve(AeronDirectory.PREFIX + ProcessHandle.current().pid()));
        Files.createDirectories(base.resolve("aeron-root"));
        Files.createDirectories(base.resolve(AeronDirectory.PREFIX + "x"));

        AeronDirectory.sweepDead(base);

        try (var left = Files.list(base)) {
            assertEquals(Set.of(AeronDirectory.PREFIX + ProcessHandle.current().pid(), "aeron-root",
                    AeronDirectory.PREFIX + "x"), left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }
}
