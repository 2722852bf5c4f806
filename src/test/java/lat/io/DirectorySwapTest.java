package lat.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-directory replacement: readers see the old content or the new, and a failure changes nothing. */
class DirectorySwapTest {
    @TempDir
    Path dir;

    private org.apache.hadoop.fs.Path target() {
        return new org.apache.hadoop.fs.Path(dir.resolve("run_id=a").toString());
    }

    private void writeFile(org.apache.hadoop.fs.Path staging, String content) throws IOException {
        Path local = Path.of(staging.toString());
        Files.createDirectories(local);
        Files.writeString(local.resolve("part-0.parquet"), content);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheDirectoryAndLeavesNothingElse() throws IOException {
        DirectorySwap.replace(target(), new Configuration(), staging -> writeFile(staging, "old"));
        DirectorySwap.replace(target(), new Configuration(), staging -> writeFile(staging, "new"));
        assertEquals("new", Files.readString(dir.resolve("run_id=a/part-0.parquet")));
        assertEquals(List.of("run_id=a"), entries());
    }

    @Test
    void aFailedWriteLeavesTheOldDirectoryIntact() throws IOException {
        DirectorySwap.replace(target(), new Configuration(), staging -> writeFile(staging, "old"));
        assertThrows(IOException.class, () -> DirectorySwap.replace(target(), new Configuration(), staging -> {
            writeFile(staging, "half");
            throw new IOException("executor lost");
        }));
        assertEquals("old", Files.readString(dir.resolve("run_id=a/part-0.parquet")));
        assertEquals(List.of("run_id=a"), entries());
    }

    @Test
    void aSwapInterruptedBetweenItsRenamesIsUndoneByTheNext() throws IOException {
        DirectorySwap.replace(target(), new Configuration(), staging -> writeFile(staging, "old"));
        Files.move(dir.resolve("run_id=a"), dir.resolve(".run_id=a.previous"));
        assertThrows(IOException.class, () -> DirectorySwap.replace(target(), new Configuration(), staging -> {
            throw new IOException("failed again");
        }));
        assertEquals("old", Files.readString(dir.resolve("run_id=a/part-0.parquet")));
        assertEquals(List.of("run_id=a"), entries());
    }
}
