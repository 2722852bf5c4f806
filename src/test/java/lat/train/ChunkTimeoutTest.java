package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The error of a chunk past lat.train.chunk-timeout says how long the chunks before it took. */
class ChunkTimeoutTest {
    @Test
    void theFirstChunkSaysItWasTheFirst() {
        assertEquals(
                "train natural: steps 0-150 of 300 did not finish within lat.train.chunk-timeout = 1ms (it was "
                        + "this run's first chunk): an executor or DL4J's parameter-server handshake is stuck; its Spark job "
                        + "was cancelled. Nothing was checkpointed yet",
                new ChunkTimeout(Duration.ofMillis(1))
                        .overran("train natural: steps 0-150 of 300", "Nothing was checkpointed yet")
                        .getMessage());
    }

    @Test
    void aLaterChunkNamesTheSlowestBefore() {
        ChunkTimeout timeout = new ChunkTimeout(Duration.ofMinutes(30));
        timeout.finished(65);
        timeout.finished(3725);
        timeout.finished(70);
        String message = timeout.overran("chunk", "").getMessage();
        assertEquals(
                "chunk did not finish within lat.train.chunk-timeout = 30m (the slowest chunk before it took "
                        + "1:02:05): an executor or DL4J's parameter-server handshake is stuck; its Spark job was cancelled. ",
                message);
    }
}
