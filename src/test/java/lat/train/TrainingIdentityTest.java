package lat.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import lat.TestData;
import lat.config.Settings;
import lat.core.ConfigError;
import lat.core.ModelId;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;

/** The dataset is part of what makes a model what it is: a model of one is never reused for the other. */
class TrainingIdentityTest {
    private static final Settings MNIST = TestData.settings(Path.of("unused"), "");
    private static final Settings FASHION = TestData.settings(Path.of("unused"), "lat.data.dataset = fashion-mnist");

    @Test
    void theIdentityRecordsTheDataset() {
        assertEquals(
                "mnist",
                TrainingIdentity.of(MNIST, new ModelId(ModelKind.NATURAL, 42), 2)
                        .get("lat.data.dataset"));
        assertEquals(
                "fashion-mnist",
                TrainingIdentity.of(FASHION, new ModelId(ModelKind.NATURAL, 42), 2)
                        .get("lat.data.dataset"));
    }

    @Test
    void aModelOfTheOtherDatasetIsRefusedNamingTheKey() {
        Map<String, String> recorded = TrainingIdentity.of(MNIST, new ModelId(ModelKind.STANDARD, 42), 2);
        Map<String, String> now = TrainingIdentity.of(FASHION, new ModelId(ModelKind.STANDARD, 42), 2);

        ConfigError error =
                assertThrows(ConfigError.class, () -> TrainingIdentity.requireSame(recorded, now, "the model"));

        assertTrue(
                error.getMessage().contains("(lat.data.dataset = mnist there, fashion-mnist now)"), error.getMessage());
    }

    @Test
    void anIdentityFromBeforeTheDatasetWasRecordedIsMnist() {
        Map<String, String> older = new TreeMap<>(TrainingIdentity.of(MNIST, new ModelId(ModelKind.STANDARD, 42), 2));
        older.remove("lat.data.dataset");

        assertDoesNotThrow(() -> TrainingIdentity.requireSame(
                older, TrainingIdentity.of(MNIST, new ModelId(ModelKind.STANDARD, 42), 2), "the model"));
        Map<String, String> fashion = TrainingIdentity.of(FASHION, new ModelId(ModelKind.STANDARD, 42), 2);
        assertThrows(ConfigError.class, () -> TrainingIdentity.requireSame(older, fashion, "the model"));
    }
}
