package lat.train;

import java.time.Duration;
import lat.core.Durations;
import lat.core.StallError;

/**
 * {@code lat.train.chunk-timeout}: the longest one chunk may take. A chunk past it means an executor
 * or DL4J's parameter-server handshake is stuck; its Spark job is cancelled and the job fails,
 * keeping what is checkpointed. The error says how long the chunks before it took.
 */
final class ChunkTimeout {
    private final Duration limit;
    private double slowestSeconds;

    ChunkTimeout(Duration limit) {
        this.limit = limit;
    }

    Duration limit() {
        return limit;
    }

    /** A chunk finished in {@code seconds}. */
    void finished(double seconds) {
        slowestSeconds = Math.max(slowestSeconds, seconds);
    }

    /** The error of {@code chunk}, which overran the limit; {@code resumption} says what a rerun does. */
    StallError overran(String chunk, String resumption) {
        return overran(chunk, limit, slowestSeconds, resumption);
    }

    /** The error of a chunk past {@code limit}, after chunks of at most {@code slowestSeconds} (0: none). */
    static StallError overran(String chunk, Duration limit, double slowestSeconds, String resumption) {
        String before = slowestSeconds > 0
                ? "the slowest chunk before it took " + Durations.hms(slowestSeconds)
                : "it was this run's first chunk";
        return new StallError(chunk + " did not finish within lat.train.chunk-timeout = " + Durations.hocon(limit)
                + " (" + before + "): an executor or DL4J's parameter-server handshake is stuck; its Spark job was "
                + "cancelled. " + resumption);
    }
}
