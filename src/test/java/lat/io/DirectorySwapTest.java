package lat.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lat.core.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-directory replacement: readers see the old content or the new, a failure changes nothing,
 * staging copies never sit inside the table, and nothing lat did not write is replaced.
 */
class DirectorySwapTest {
    private static final OutputKind PARQUET = OutputKind.directory("a partition", name -> name.endsWith(".parquet"));

    @TempDir
    Path dir;

    /** A table's partition, {@code table/run_id=a}; staging under {@code .lat-staging}. */
    private org.apache.hadoop.fs.Path target() {
        return new org.apache.hadoop.fs.Path(dir.resolve("table/run_id=a").toString());
    }

    private org.apache.hadoop.fs.Path staging() {
        return new org.apache.hadoop.fs.Path(dir.resolve(".lat-staging").toString());
    }

    private void replace(DirectorySwap.Writer writer) throws IOException {
        DirectorySwap.replace(target(), staging(), PARQUET, new Configuration(), writer);
    }

    private void writeFile(org.apache.hadoop.fs.Path staging, String content) throws IOException {
        Path local = Path.of(staging.toString());
        Files.createDirectories(local);
        Files.writeString(local.resolve("part-0.parquet"), content);
    }

    private List<String> entries(String sub) throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve(sub))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheDirectoryAndLeavesNothingElse() throws IOException {
        replace(staging -> writeFile(staging, "old"));
        replace(staging -> writeFile(staging, "new"));
        assertEquals("new", Files.readString(dir.resolve("table/run_id=a/part-0.parquet")));
        assertEquals(List.of("run_id=a"), entries("table"));
        assertEquals(List.of(), entries(".lat-staging"));
    }

    @Test
    void oneFileReplacementKeepsOnlyTheDataFileUnderItsFixedName() throws IOException {
        for (String content : List.of("old", "new")) {
            DirectorySwap.replaceOneFile(
                    target(),
                    "part-00000.parquet",
                    name -> name.endsWith(".parquet"),
                    staging(),
                    PARQUET,
                    new Configuration(),
                    staging -> {
                        writeFile(staging, content); // Spark's part file, with its markers beside it
                        Files.writeString(Path.of(staging.toString(), "_SUCCESS"), "");
                        Files.writeString(Path.of(staging.toString(), ".part-0.parquet.crc"), "crc");
                    });
        }
        assertEquals(List.of("part-00000.parquet"), entries("table/run_id=a"));
        assertEquals("new", Files.readString(dir.resolve("table/run_id=a/part-00000.parquet")));
        assertEquals(List.of(), entries(".lat-staging"));
    }

    @Test
    void oneFileReplacementRefusesSeveralDataFilesAndKeepsTheOld() throws IOException {
        DirectorySwap.Writer one = staging -> writeFile(staging, "old");
        DirectorySwap.replaceOneFile(
                target(),
                "part-00000.parquet",
                name -> name.endsWith(".parquet"),
                staging(),
                PARQUET,
                new Configuration(),
                one);
        IOException two = assertThrows(
                IOException.class,
                () -> DirectorySwap.replaceOneFile(
                        target(),
                        "part-00000.parquet",
                        name -> name.endsWith(".parquet"),
                        staging(),
                        PARQUET,
                        new Configuration(),
                        staging -> {
                            writeFile(staging, "new");
                            Files.writeString(Path.of(staging.toString(), "part-1.parquet"), "more");
                        }));
        assertTrue(two.getMessage().startsWith("expected one file in "), two.getMessage());
        assertEquals("old", Files.readString(dir.resolve("table/run_id=a/part-00000.parquet")));
        assertEquals(List.of(), entries(".lat-staging"));
    }

    @Test
    void aFailedWriteLeavesTheOldDirectoryIntact() throws IOException {
        replace(staging -> writeFile(staging, "old"));
        assertThrows(
                IOException.class,
                () -> replace(staging -> {
                    writeFile(staging, "half");
                    throw new IOException("executor lost");
                }));
        assertEquals("old", Files.readString(dir.resolve("table/run_id=a/part-0.parquet")));
        assertEquals(List.of("run_id=a"), entries("table"));
        assertEquals(List.of(), entries(".lat-staging"));
    }

    @Test
    void aSwapInterruptedBetweenItsRenamesIsUndoneByTheNext() throws IOException {
        replace(staging -> writeFile(staging, "old"));
        Files.move(dir.resolve("table/run_id=a"), dir.resolve(".lat-staging/.run_id=a.previous"));
        assertThrows(
                IOException.class,
                () -> replace(staging -> {
                    throw new IOException("failed again");
                }));
        assertEquals("old", Files.readString(dir.resolve("table/run_id=a/part-0.parquet")));
    }

    @Test
    void theNewContentIsStagedOutsideTheTableSoGlobbingReadersNeverSeeIt() throws IOException {
        replace(staging -> {
            assertFalse(Path.of(staging.toString()).startsWith(dir.resolve("table")), "staged at " + staging);
            writeFile(staging, "new");
        });
    }

    @Test
    void stagingLeftByAKilledWriterIsSweptByTheNextSwap() throws IOException {
        // what a killed evaluate left: a staging copy in the staging area, and one beside the partition (older lat)
        Files.createDirectories(dir.resolve(".lat-staging/.run_id=a.staging-dead"));
        Files.createDirectories(dir.resolve("table/.run_id=a.staging-dead"));
        replace(staging -> writeFile(staging, "new"));
        assertEquals(List.of("run_id=a"), entries("table"));
        assertEquals(List.of(), entries(".lat-staging"));
    }

    @Test
    void aDirectoryLatDidNotWriteIsRefusedNotReplaced() throws IOException {
        Files.createDirectories(dir.resolve("table/run_id=a"));
        Files.writeString(dir.resolve("table/run_id=a/thesis.tex"), "months of work");
        ConfigError error = assertThrows(ConfigError.class, () -> replace(staging -> writeFile(staging, "new")));
        assertTrue(error.getMessage().contains("refusing to replace " + target()), error.getMessage());
        assertEquals("months of work", Files.readString(dir.resolve("table/run_id=a/thesis.tex")));
    }
}
