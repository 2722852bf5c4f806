package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.core.StallError;
import lat.io.records.TrainingMetadata;
import org.junit.jupiter.api.Test;

/** The standstill guard's verdicts, on hand-made counts: one rule per test. */
class StandstillGuardTest {
    private static final int SHARDS = 2;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final StandstillGuard guard = new StandstillGuard(
            new ModelId(ModelKind.STANDARD, 42), SHARDS, new PrintStream(logged, true, StandardCharsets.UTF_8));

    @Test
    void parametersThatChangedMovedWhateverTheCount() {
        assertEquals(StandstillGuard.Verdict.MOVED, StandstillGuard.verdict(0, SHARDS, true));
        assertEquals(StandstillGuard.Verdict.MOVED, StandstillGuard.verdict(1000, SHARDS, true));
        assertEquals(StandstillGuard.Verdict.MOVED, StandstillGuard.verdict(-1, SHARDS, true));
    }

    @Test
    void unchangedParametersAfterMoreThanTwoUpdatesPerShardStoodStill() {
        assertEquals(StandstillGuard.Verdict.STOOD_STILL, StandstillGuard.verdict(2 * SHARDS + 1, SHARDS, false));
    }

    @Test
    void unchangedParametersAfterAtMostTwoUpdatesPerShardAreQuiet() {
        // below the encoding threshold executors send nothing, and the last updates may still be on their way
        assertEquals(StandstillGuard.Verdict.QUIET, StandstillGuard.verdict(0, SHARDS, false));
        assertEquals(StandstillGuard.Verdict.QUIET, StandstillGuard.verdict(2 * SHARDS, SHARDS, false));
    }

    @Test
    void unchangedParametersWithAnUnreadableCountAreUnknown() {
        assertEquals(StandstillGuard.Verdict.UNKNOWN, StandstillGuard.verdict(-1, SHARDS, false));
    }

    @Test
    void aStandstillIsAStallErrorNamingTheChunkAndTheUpdatesOfThatChunkOnly() {
        guard.check("train standard: steps 0-10 of 20", OptionalLong.of(100), true, "rerun");
        StallError error = assertThrows(
                StallError.class,
                () -> guard.check("train standard: steps 10-20 of 20", OptionalLong.of(105), false, "rerun it"));
        assertTrue(
                error.getMessage().startsWith("train standard: steps 10-20 of 20: none of the 5 updates"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("rerun it"), error.getMessage());
    }

    @Test
    void aCheckedTrainingKeepsTheGuardOnAndSaysNothing() {
        guard.check("chunk 1", OptionalLong.of(100), true, "");
        guard.check("chunk 2", OptionalLong.of(100), false, "");
        assertEquals(TrainingMetadata.Guard.ON, guard.status());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableCountTurnsTheGuardOffWithOneWarning() {
        guard.check("chunk 1", OptionalLong.empty(), true, "");
        guard.check("chunk 2", OptionalLong.empty(), false, "");
        assertEquals(TrainingMetadata.Guard.OFF, guard.status());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(
                log.startsWith("standard-seed42: WARNING: the executors' count of updates sent cannot be read"), log);
        assertTrue(log.contains("standstillGuard OFF"), log);
        assertEquals(1, log.lines().count(), "warned once: " + log);
    }
}
