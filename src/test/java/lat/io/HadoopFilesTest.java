package lat.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes leave nothing behind when they fail, a full disk included; output probes fail fast. */
class HadoopFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFillsTheDiskLeavesNoTemporaryFile() throws Exception {
        Path disk = dir.resolve("tiny-disk");
        Files.createDirectories(disk);
        // a real full disk: a 256 KiB tmpfs (needs root, as CI runs; skipped elsewhere)
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            org.apache.hadoop.fs.Path target =
                    new org.apache.hadoop.fs.Path(disk.resolve("model.zip").toString());
            Throwable failure = assertThrows(
                    Throwable.class,
                    () -> HadoopFiles.writeAtomically(
                            target, new Configuration(), out -> out.write(new byte[1 << 20])));
            assertTrue(String.valueOf(failure.getMessage()).contains("No space left"), String.valueOf(failure));
            try (Stream<Path> left = Files.list(disk)) {
                assertEquals(List.of(), left.toList(), "nothing half-written is left");
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    @Test
    void aFileInTheWayOfAnOutputDirectoryIsFoundBeforeAnyWork() throws IOException {
        Files.writeString(dir.resolve("models"), "not a directory");
        org.apache.hadoop.fs.Path models =
                new org.apache.hadoop.fs.Path(dir.resolve("models/run").toString());
        DataError error =
                assertThrows(DataError.class, () -> HadoopFiles.requireWritableDir(models, new Configuration()));
        assertTrue(error.getMessage().startsWith("cannot write to " + models), error.getMessage());
    }
}
