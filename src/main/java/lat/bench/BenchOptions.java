package lat.bench;

import java.util.List;

/**
 * How much to measure.
 *
 * @param warmup         untimed runs before the timed ones (at least)
 * @param warmupSeconds  seconds of untimed runs before the timed ones (at least), the same for every figure
 * @param reps           timed runs; each figure is their median with min–max
 * @param pgdSteps       PGD steps per timed attack run
 * @param batchSizes     minibatch sizes of the PGD measurement
 * @param trainBatchSize minibatch size of the training measurement (paper: 50)
 * @param trainPgdSteps  PGD steps k per adversarial training minibatch, one measurement each
 */
public record BenchOptions(
        int warmup,
        double warmupSeconds,
        int reps,
        int pgdSteps,
        List<Integer> batchSizes,
        int trainBatchSize,
        List<Integer> trainPgdSteps) {

    public BenchOptions {
        if (warmup < 0
                || !(warmupSeconds >= 0)
                || reps < 1
                || pgdSteps < 1
                || trainBatchSize < 1
                || batchSizes.isEmpty()
                || batchSizes.stream().anyMatch(b -> b < 1)
                || trainPgdSteps.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("expected warm-up runs and seconds >= 0, reps >= 1, steps >= 1, "
                    + "at least one batch size and positive batch sizes and k");
        }
    }

    /** The largest minibatch any measurement uses. */
    int largestBatch() {
        return Math.max(
                trainBatchSize,
                batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }
}
