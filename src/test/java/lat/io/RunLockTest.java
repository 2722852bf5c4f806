package lat.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.Host;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One command per run id at a time; a lock whose holder died does not block the next run. */
class RunLockTest {
    @TempDir
    Path dir;

    private OutputLayout layout() {
        return new OutputLayout(dir.toString(), "r1");
    }

    @Test
    void aSecondCommandOnTheSameRunIsRefusedNamingTheFirst() {
        try (RunLock first = RunLock.acquire(layout(), "train", new Configuration())) {
            ConfigError error = assertThrows(ConfigError.class,
                    () -> RunLock.acquire(layout(), "evaluate", new Configuration()));
            assertTrue(error.getMessage().contains("run r1 is in use by train of run r1, pid "
                    + ProcessHandle.current().pid()), error.getMessage());
        }
    }

    @Test
    void anotherRunIdIsNotBlocked() {
        try (RunLock first = RunLock.acquire(layout(), "train", new Configuration());
             RunLock other = RunLock.acquire(new OutputLayout(dir.toString(), "r2"), "train", new Configuration())) {
            assertTrue(Files.exists(dir.resolve("locks/r2.lock")));
        }
    }

    @Test
    void theLockIsReleasedWhenTheCommandEnds() {
        RunLock.acquire(layout(), "train", new Configuration()).close();
        assertFalse(Files.exists(dir.resolve("locks/r1.lock")));
        RunLock.acquire(layout(), "evaluate", new Configuration()).close();
    }

    @Test
    void aLockLeftByADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.createDirectories(dir.resolve("locks"));
        Files.writeString(dir.resolve("locks/r1.lock"),
                "token\ntrain of run r1, pid " + dead.pid() + " on " + Host.name() + ", since then\n");
        RunLock.acquire(layout(), "train", new Configuration()).close();
    }

    @Test
    void anUnwritableOutputLocationIsADataErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("locks"), "a file in the way");
        DataError error = assertThrows(DataError.class, () -> RunLock.acquire(layout(), "train", new Configuration()));
        assertTrue(error.getMessage().contains(dir.resolve("locks").toString()), error.getMessage());
    }
}
