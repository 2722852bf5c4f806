package lat.io.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lat.config.ModelSettings;
import lat.config.PgdSettings;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metadata.json: written and read in one place, by its schema version. */
class TrainingMetadataTest {
    private static final TrainingMetadata METADATA = new TrainingMetadata(
            TrainingMetadata.SCHEMA_VERSION,
            "run",
            "broad-mask",
            7,
            "BROAD_MASK",
            new TrainingMetadata.Attack(0.3, 0, 6),
            new PgdSettings(40, 0.01, true),
            new TrainingMetadata.Training(50, 1e-4, 0, "Adam", 42, new ModelSettings(32, 64, 1024, 5), 1000, null),
            new TrainingMetadata.Data("fashion-mnist", "/data", 60000, "ab", "cd"),
            100_000,
            0,
            2,
            3600,
            1388.9,
            0.05,
            0.98,
            0.2,
            List.of(new CurvePoint(1000, 0.2, 0.97, 36)),
            Map.of(0L, 100_000L),
            Map.of(),
            Map.of(0, 50_000L),
            Map.of(0, 50_000L),
            List.of(),
            TrainingMetadata.Guard.ON,
            new TrainingMetadata.Versions("1.0", "nd4j-native", "1.0.0-M2", "3.5.1", "17"),
            "2026-12-03T13:00:00Z",
            Map.of("lat.seed", "42"));

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        METADATA.write(file(), new Configuration());
        assertEquals(METADATA, TrainingMetadata.read(file(), new Configuration()));
    }

    @Test
    void theFieldNamesOnDiskAreTheOnesThePythonReadersUse() throws IOException {
        METADATA.write(file(), new Configuration());
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(dir.resolve("metadata.json")));
        assertEquals(3, json.get("schemaVersion").asInt());
        assertEquals("run", json.get("runId").asText());
        assertEquals("broad-mask", json.get("model").asText());
        assertEquals(7, json.get("trainSeed").asLong());
        assertEquals(100_000, json.get("steps").asLong());
        assertEquals(32, json.at("/training/model/conv1Channels").asInt());
        assertEquals("ON", json.get("standstillGuard").asText());
    }

    @Test
    void aFileWithoutASchemaVersionIsReadAsVersionOne() throws IOException {
        ObjectNode json = new ObjectMapper().valueToTree(METADATA);
        json.remove("schemaVersion");
        json.remove("standstillGuard");
        Files.writeString(dir.resolve("metadata.json"), json.toString());
        TrainingMetadata read = TrainingMetadata.read(file(), new Configuration());
        assertEquals(1, read.schemaVersion());
        assertNull(read.standstillGuard(), "version 1 recorded no guard");
        assertEquals(METADATA.curve(), read.curve());
    }

    @Test
    void aFileBeforeVersionThreeRecordsItsTrainingSeedAsTheTrainingsSeed() throws IOException {
        ObjectNode json = new ObjectMapper().valueToTree(METADATA);
        json.put("schemaVersion", 2);
        json.remove("trainSeed");
        Files.writeString(dir.resolve("metadata.json"), json.toString());
        TrainingMetadata read = TrainingMetadata.read(file(), new Configuration());
        assertEquals(2, read.schemaVersion());
        assertEquals(42, read.trainSeed(), "version 2 trained each kind once, with training.seed");
    }

    @Test
    void aFieldTheRecordLacksIsIgnored() throws IOException {
        ObjectNode json = new ObjectMapper().valueToTree(METADATA);
        json.put("addedByAnotherTool", "x");
        Files.writeString(dir.resolve("metadata.json"), json.toString());
        assertEquals(METADATA, TrainingMetadata.read(file(), new Configuration()));
    }

    @Test
    void aFileOfANewerVersionIsADataErrorNamingTheFile() throws IOException {
        ObjectNode json = new ObjectMapper().valueToTree(METADATA);
        json.put("schemaVersion", TrainingMetadata.SCHEMA_VERSION + 1);
        json.put("aFieldOfTheFuture", true);
        Files.writeString(dir.resolve("metadata.json"), json.toString());
        DataError error = assertThrows(DataError.class, () -> TrainingMetadata.read(file(), new Configuration()));
        assertTrue(
                error.getMessage()
                        .startsWith("model metadata " + file() + " has schemaVersion "
                                + (TrainingMetadata.SCHEMA_VERSION + 1) + ", newer than the "
                                + TrainingMetadata.SCHEMA_VERSION
                                + " this lat reads"),
                error.getMessage());
    }

    @Test
    void aMissingFileIsADataErrorSayingToTrainFirst() {
        DataError error = assertThrows(DataError.class, () -> TrainingMetadata.read(file(), new Configuration()));
        assertTrue(error.getMessage().contains(file() + " does not exist; train the model first"), error.getMessage());
    }

    private org.apache.hadoop.fs.Path file() {
        return new org.apache.hadoop.fs.Path(dir.resolve("metadata.json").toString());
    }
}
