package lat.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.Host;
import lat.core.ModelId;
import lat.core.ModelKind;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder per output of a run at a time; disjoint outputs side by side; a dead holder does not block. */
class RunLockTest {
    @TempDir
    Path dir;

    private OutputLayout layout;

    @BeforeEach
    void runR1() {
        layout = layout("r1");
    }

    private OutputLayout layout(String runId) {
        return new OutputLayout(dir.toString(), runId);
    }

    private static RunLock acquire(OutputLayout layout, String command, org.apache.hadoop.fs.Path... files) {
        return RunLock.acquire(layout, command, List.of(files), new Configuration(), null);
    }

    private org.apache.hadoop.fs.Path natural() {
        return layout.modelLock(new ModelId(ModelKind.NATURAL, 42));
    }

    private Path file(org.apache.hadoop.fs.Path lock) {
        return Path.of(lock.toUri().getPath());
    }

    @Test
    void aSecondWriterOfOneModelIsRefusedNamingTheFirst() {
        try (RunLock first = acquire(layout, "train", natural())) {
            ConfigError error = assertThrows(ConfigError.class, () -> acquire(layout, "train", natural()));
            assertTrue(
                    error.getMessage()
                            .startsWith("run r1 is in use by train of run r1, pid "
                                    + ProcessHandle.current().pid() + " on " + Host.name()),
                    error.getMessage());
            assertTrue(error.getMessage().contains("(lock " + natural() + ")"), error.getMessage());
        }
    }

    @Test
    void trainingsOfDifferentModelsOfOneRunRunSideBySide() {
        try (RunLock first = acquire(layout, "train", natural());
                RunLock second = acquire(layout, "train", layout.modelLock(new ModelId(ModelKind.STANDARD, 42)))) {
            assertTrue(Files.exists(dir.resolve("locks/r1/model-natural-seed42.lock")));
            assertTrue(Files.exists(dir.resolve("locks/r1/model-standard-seed42.lock")));
        }
    }

    @Test
    void aCommandNeedingAHeldOutputAmongOthersIsRefusedAndKeepsNoneOfThem() {
        try (RunLock training = acquire(layout, "train", layout.modelLock(new ModelId(ModelKind.STANDARD, 42)))) {
            // evaluate's locks: the models it reads, then the partition; natural comes before standard
            assertThrows(
                    ConfigError.class,
                    () -> acquire(
                            layout,
                            "evaluate",
                            natural(),
                            layout.modelLock(new ModelId(ModelKind.STANDARD, 42)),
                            layout.evaluationLock()));
            assertFalse(Files.exists(file(natural())));
            assertFalse(Files.exists(file(layout.evaluationLock())));
        }
    }

    @Test
    void anotherRunIdIsNotBlocked() {
        try (RunLock first = acquire(layout, "train", natural());
                RunLock other =
                        acquire(layout("r2"), "train", layout("r2").modelLock(new ModelId(ModelKind.NATURAL, 42)))) {
            assertTrue(Files.exists(dir.resolve("locks/r2/model-natural-seed42.lock")));
        }
    }

    @Test
    void theLocksAreReleasedWhenTheCommandEnds() {
        acquire(layout, "run", natural(), layout.evaluationLock()).close();
        assertFalse(Files.exists(file(natural())));
        assertFalse(Files.exists(file(layout.evaluationLock())));
        acquire(layout, "evaluate", natural(), layout.evaluationLock()).close();
    }

    @Test
    void aChildJvmSharesItsParentsLocksAndLeavesThemToIt() throws IOException {
        try (RunLock parent =
                acquire(layout, "train", natural(), layout.modelLock(new ModelId(ModelKind.STANDARD, 42)))) {
            String held = Files.readString(file(natural()));
            RunLock.acquire(layout, "train", List.of(natural()), new Configuration(), parent.token())
                    .close();
            assertEquals(held, Files.readString(file(natural())));
        }
    }

    @Test
    void aTokenThatIsNotTheHoldersSharesNothing() {
        try (RunLock parent = acquire(layout, "train", natural())) {
            assertThrows(
                    ConfigError.class,
                    () -> RunLock.acquire(layout, "train", List.of(natural()), new Configuration(), "someone-else"));
        }
    }

    @Test
    void aLockLeftByADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        leave(natural(), "train of run r1, pid " + dead.pid() + " on " + Host.name() + ", since then");
        try (RunLock taken = acquire(layout, "train", natural())) {
            assertTrue(Files.readString(file(natural()))
                    .contains("pid " + ProcessHandle.current().pid() + " "));
        }
    }

    @Test
    void aLockOfAnotherHostIsTakenOverOnlyOnceSilentForTwoMinutes() throws Exception {
        leave(natural(), "train of run r1, pid 1 on elsewhere.example, since then");
        assertThrows(ConfigError.class, () -> acquire(layout, "train", natural()));
        Files.setLastModifiedTime(
                file(natural()),
                FileTime.from(Instant.now().minus(RunLock.STALE).minusSeconds(5)));
        acquire(layout, "train", natural()).close();
    }

    @Test
    void anUnwritableOutputLocationIsADataErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("locks"), "a file in the way");
        DataError error = assertThrows(DataError.class, () -> acquire(layout, "train", natural()));
        assertTrue(error.getMessage().contains(natural().toString()), error.getMessage());
    }

    private void leave(org.apache.hadoop.fs.Path lock, String holder) throws IOException {
        Files.createDirectories(file(lock).getParent());
        Files.writeString(file(lock), "token\n" + holder + "\n");
    }
}
