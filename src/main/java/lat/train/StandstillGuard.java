package lat.train;

import java.io.PrintStream;
import java.util.OptionalLong;
import lat.core.ModelId;
import lat.core.StallError;
import lat.io.records.TrainingMetadata;

/**
 * The guard against a chunk whose updates never reached the driver. Seen after an executor died: the
 * survivors kept fitting and sending, but through the mesh node that died, so the driver's model
 * (the one checkpointed) stood still for the rest of the run, silently. After each chunk it weighs
 * the updates the executors say they sent against whether the driver's parameters changed.
 *
 * <p>The executors' count of updates sent comes from a private field of DL4J
 * ({@code lat.train.dl4j.UpdateCounters}); should it be unreadable, the guard cannot tell a
 * standstill from a quiet chunk: it warns once and the model's metadata records it as
 * {@link TrainingMetadata.Guard#OFF}.
 */
final class StandstillGuard {
    /** What one chunk shows. */
    enum Verdict {
        /** The driver's parameters changed. */
        MOVED,
        /** They did not, and the executors sent too few updates for that to tell anything. */
        QUIET,
        /** They did not, although the executors sent updates: those never reached the driver. */
        STOOD_STILL,
        /** They did not, and how many updates the executors sent is unknown. */
        UNKNOWN
    }

    private final ModelId model;
    private final int shards;
    private final PrintStream log;
    private long sentBefore;
    private TrainingMetadata.Guard status = TrainingMetadata.Guard.ON;

    StandstillGuard(ModelId model, int shards, PrintStream log) {
        this.model = model;
        this.shards = shards;
        this.log = log;
    }

    /**
     * The verdict on a chunk in which the executors sent {@code sentInChunk} updates (negative:
     * unknown) over {@code shards} shards.
     */
    static Verdict verdict(long sentInChunk, int shards, boolean parametersChanged) {
        if (parametersChanged) {
            return Verdict.MOVED;
        }
        if (sentInChunk < 0) {
            return Verdict.UNKNOWN;
        }
        // Below the encoding threshold an executor sends nothing, and its last updates may
        // still be on their way: a standstill counts only past two updates per shard.
        return sentInChunk > 2L * shards ? Verdict.STOOD_STILL : Verdict.QUIET;
    }

    /**
     * Checks the chunk {@code chunk} that ended with {@code sentSoFar} updates sent in this
     * application (empty: an executor's count is unreadable).
     *
     * @param resumption what a rerun does (for the error)
     * @throws StallError (exit 4) when the driver's model stood still
     */
    void check(String chunk, OptionalLong sentSoFar, boolean parametersChanged, String resumption) {
        long sentInChunk = sentSoFar.isPresent() ? sentSoFar.getAsLong() - sentBefore : -1;
        sentBefore = sentSoFar.orElse(sentBefore);
        if (sentSoFar.isEmpty() && status == TrainingMetadata.Guard.ON) {
            status = TrainingMetadata.Guard.OFF;
            log.printf(
                    "%s: WARNING: the executors' count of updates sent cannot be read (DL4J differs from "
                            + "1.0.0-M2, see lat.train.dl4j): a driver model that stands still goes unnoticed in this "
                            + "training; its metadata records standstillGuard OFF%n",
                    model);
        }
        if (verdict(sentInChunk, shards, parametersChanged) == Verdict.STOOD_STILL) {
            throw new StallError(chunk + ": none of the " + sentInChunk + " updates the executors sent reached the "
                    + "driver (its parameters did not change): DL4J's parameter-server mesh lost a node, an executor "
                    + "or host that died, and does not heal. " + resumption);
        }
    }

    /** ON while every chunk so far could be checked. */
    TrainingMetadata.Guard status() {
        return status;
    }
}
