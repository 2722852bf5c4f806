package lat.findings;

import java.util.Optional;

/**
 * Each cell's accuracy as counts, correct of digits (the evaluation table's sums): what the accuracy
 * comparisons fall back on when a run has no per-digit outcomes.
 */
@FunctionalInterface
public interface AccuracyCounts {
    /** Correct digits and digits evaluated of a model on an input. */
    record Count(long correct, long digits) {
        public Count {
            if (digits <= 0 || correct < 0 || correct > digits) {
                throw new IllegalArgumentException(
                        "needs 0 <= correct <= digits and digits > 0, got " + correct + " of " + digits);
            }
        }
    }

    /** None: every comparison needs per-digit outcomes. */
    AccuracyCounts NONE = (model, input) -> Optional.empty();

    Optional<Count> of(String model, String input);
}
