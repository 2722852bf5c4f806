package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lat.TestData;
import lat.core.DataError;
import lat.io.records.CurvePoint;
import lat.model.Cnn;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints keep the newest two, so that an unreadable newest one costs a chunk, not the training. */
class CheckpointsTest {
    @TempDir
    Path dir;

    private Checkpoints checkpoints() {
        return new Checkpoints(new org.apache.hadoop.fs.Path(dir.toString()), new Configuration());
    }

    private static Checkpoints.Note note(long step) {
        return Checkpoints.Note.of(
                step, step * 1.5, 0.5, Map.of("lat.seed", "42"), List.of(new CurvePoint(step, 0.5, 0.9, step * 1.5)));
    }

    @Test
    void theNewestCheckpointIsResumedWithItsNote() throws Exception {
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        checkpoints().save(network, note(10));
        checkpoints().save(network, note(20));
        Checkpoints.Resumed resumed = checkpoints().resume(System.out).orElseThrow();
        assertEquals(note(20), resumed.note());
        assertEquals(network.params(), resumed.network().params());
    }

    @Test
    void onlyTheNewestTwoAreKept() throws Exception {
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        for (long step = 10; step <= 40; step += 10) {
            checkpoints().save(network, note(step));
        }
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "two zips and their notes");
        }
    }

    @Test
    void anUnreadableNewestCheckpointFallsBackToTheOneBeforeSayingSo() throws Exception {
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        checkpoints().save(network, note(10));
        checkpoints().save(network, note(20));
        Files.write(dir.resolve("step-000000000020.zip"), new byte[] {'P', 'K', 3, 4, 0}); // cut short
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Checkpoints.Resumed resumed = checkpoints()
                .resume(new PrintStream(log, true, StandardCharsets.UTF_8))
                .orElseThrow();
        assertEquals(10, resumed.note().step());
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("step-000000000020.zip is unreadable") && said.contains("falling back"), said);
    }

    @Test
    void noReadableCheckpointMeansStartingFromScratch() throws Exception {
        Files.write(dir.resolve("step-000000000010.zip"), new byte[] {1, 2, 3});
        assertTrue(checkpoints()
                .resume(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .isEmpty());
    }

    @Test
    void aNoteWithoutASchemaVersionIsReadAsVersionOne() throws Exception {
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        checkpoints().save(network, note(10));
        Files.writeString(
                dir.resolve("step-000000000010.json"),
                "{\"step\": 10, \"wallSeconds\": 15.0, "
                        + "\"lastChunkLoss\": 0.5, \"trainedWith\": null, \"curve\": null}");
        assertEquals(
                new Checkpoints.Note(1, 10, 15.0, 0.5, null, null),
                checkpoints().resume(System.out).orElseThrow().note());
    }

    @Test
    void aNoteOfANewerVersionIsADataErrorNamingTheFile() throws Exception {
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        checkpoints().save(network, note(10));
        Path note = dir.resolve("step-000000000010.json");
        Files.writeString(note, "{\"schemaVersion\": 99, \"step\": 10}");
        DataError error = assertThrows(DataError.class, () -> checkpoints().resume(System.out));
        assertTrue(
                error.getMessage()
                        .startsWith("checkpoint note " + note + " has schemaVersion 99, newer than the "
                                + Checkpoints.Note.SCHEMA_VERSION + " this lat reads"),
                error.getMessage());
    }
}
