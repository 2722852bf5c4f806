package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import lat.io.records.WorkerStats;
import org.junit.jupiter.api.Test;

/** The executors' statistics combined: the updates they sent, known only when every executor could count. */
class TrainingStatsTest {
    @Test
    void theUpdatesSentAreSummedOverTheExecutors() {
        assertEquals(OptionalLong.of(7), new TrainingStats(List.of(sent(3), sent(4), sent(0))).updatesSent());
    }

    @Test
    void anExecutorThatCouldNotCountMakesTheSumUnknown() {
        assertEquals(OptionalLong.empty(), new TrainingStats(List.of(sent(3), sent(-1))).updatesSent());
    }

    private static WorkerStats sent(long updates) {
        return new WorkerStats(
                "1@host", "worker", Map.of(), Map.of(), Map.of(), Map.of(), 0, updates, 0, 0, 0, 0, 0, null);
    }
}
