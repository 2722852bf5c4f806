package lat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.io.OutputLayout;
import org.junit.jupiter.api.Test;

/** A trained model's identity: its string id, parsed back, and where it puts the model's files. */
class ModelIdTest {

    @Test
    void theIdIsKindThenSeedAndParsesBackForEveryKindAndSign() {
        assertEquals("background-seed2", new ModelId(ModelKind.BACKGROUND, 2).id());
        for (ModelKind kind : ModelKind.values()) {
            for (long seed : new long[] {0, 42, -3, Long.MAX_VALUE}) {
                ModelId id = new ModelId(kind, seed);
                assertEquals(id, ModelId.parse(id.id()));
            }
        }
    }

    @Test
    void anIdIsAValidAirflowTaskId() {
        // Airflow task ids allow letters, digits, '-', '_' and '.'
        assertTrue(new ModelId(ModelKind.EXACT_MASK, -7).id().matches("[A-Za-z0-9_.-]+"));
    }

    @Test
    void textThatIsNoIdIsRefusedNamingTheFormExpected() {
        for (String text : new String[] {"background", "background-seed", "background-seedx", "cat-seed1", "-seed1"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelId.parse(text));
            assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
            assertTrue(error.getMessage().contains("<model>-seed<seed>"), error.getMessage());
        }
    }

    @Test
    void replicatesHaveTheirOwnModelCheckpointsAndLock() {
        OutputLayout layout = new OutputLayout("/out", "r1");
        ModelId one = new ModelId(ModelKind.STANDARD, 1);
        ModelId two = new ModelId(ModelKind.STANDARD, 2);
        assertEquals(
                "/out/models/r1/standard-seed1/model.zip", layout.modelFile(one).toString());
        assertEquals(
                "/out/models/r1/standard-seed2/metadata.json",
                layout.metadataFile(two).toString());
        assertEquals(
                "/out/models/r1/standard-seed2/checkpoints",
                layout.checkpointDir(two).toString());
        assertEquals(
                "/out/locks/r1/model-standard-seed1.lock", layout.modelLock(one).toString());
    }

    @Test
    void modelsOrderByKindInThePapersOrderThenBySeed() {
        assertTrue(new ModelId(ModelKind.NATURAL, 9).compareTo(new ModelId(ModelKind.STANDARD, 1)) < 0);
        assertTrue(new ModelId(ModelKind.STANDARD, -1).compareTo(new ModelId(ModelKind.STANDARD, 1)) < 0);
    }
}
