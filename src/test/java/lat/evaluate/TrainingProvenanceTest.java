package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's training provenance from its metadata.json, and what a broken file gets. */
class TrainingProvenanceTest {
    private static final String WIDTHS = "\"training\": {\"model\": {\"conv1Channels\": 32, \"conv2Channels\": 64,"
            + " \"denseUnits\": 1024, \"kernelSize\": 5}}";

    @TempDir
    Path dir;

    @Test
    void anAttackedModelRecordsItsTrainingEpsilonAndPgdSteps() throws IOException {
        TrainingProvenance provenance = read("{\"steps\": 100000, \"attack\": {\"epsilon\": 0.3}, "
                + "\"pgd\": {\"steps\": 40, \"stepSize\": 0.01, \"randomStart\": true}, " + WIDTHS + "}");
        assertEquals(new TrainingProvenance(32, 64, 1024, 100_000, 0.3, 40), provenance);
    }

    @Test
    void aNaturalModelHasNoTrainingAttackWhateverEpsilonTheConfigurationHeld() throws IOException {
        TrainingProvenance provenance =
                read("{\"steps\": 400, \"attack\": {\"epsilon\": 0.1}, \"pgd\": null, " + WIDTHS + "}");
        assertEquals(new TrainingProvenance(32, 64, 1024, 400, 0.0, 0), provenance);
    }

    @Test
    void aMissingSettingIsADataErrorNamingTheFileAndTheKey() throws IOException {
        DataError error =
                assertThrows(DataError.class, () -> read("{\"steps\": 400, \"pgd\": null, \"training\": {}}"));
        assertTrue(error.getMessage().contains(dir.resolve("metadata.json").toString()), error.getMessage());
        assertTrue(error.getMessage().contains("training.model.conv1Channels is missing"), error.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsADataError() throws IOException {
        DataError error = assertThrows(DataError.class, () -> read("not json"));
        assertTrue(error.getMessage().startsWith("cannot read model metadata"), error.getMessage());
    }

    private TrainingProvenance read(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("metadata.json"), json);
        return TrainingProvenance.read(new org.apache.hadoop.fs.Path(file.toString()), new Configuration());
    }
}
