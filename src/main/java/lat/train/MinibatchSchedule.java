package lat.train;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which digits form each training minibatch: a pure function of the settings, so every executor
 * computes its own minibatches, a rerun resumes at any step, and nothing depends on timing.
 *
 * <p>The training digits {@code [0, examples)} are split into {@code shards} contiguous shards,
 * one per executor slot. Global step g belongs to shard {@code g % shards}, as that shard's local
 * step {@code g / shards}. A shard walks its own digits in epochs, each epoch a fresh permutation
 * (seeded by the run seed, shard and epoch) cut into minibatches of {@code batchSize} (the last
 * one of an epoch may be smaller).
 */
public record MinibatchSchedule(int examples, int shards, int batchSize, long seed) implements Serializable {

    public MinibatchSchedule {
        if (shards < 1 || examples < shards || batchSize < 1) {
            throw new IllegalArgumentException("need 1 <= shards <= examples and batchSize >= 1: " + this);
        }
    }

    /** The shard that fits global step {@code step}. */
    public int shardOf(long step) {
        return (int) (step % shards);
    }

    /** First digit of {@code shard}. */
    public int shardStart(int shard) {
        return (int) ((long) shard * examples / shards);
    }

    /** Digits in {@code shard}. */
    public int shardSize(int shard) {
        return shardStart(shard + 1) - shardStart(shard);
    }

    /** The digit indices (into the training set) of global step {@code step}. */
    public int[] digitsOf(long step) {
        int shard = shardOf(step);
        long local = step / shards;
        int size = shardSize(shard);
        int perEpoch = (size + batchSize - 1) / batchSize;
        long epoch = local / perEpoch;
        int position = (int) (local % perEpoch);
        int[] order = permutation(size, seed ^ (0x9E3779B97F4A7C15L * (shard + 1)) ^ (epoch * 0xBF58476D1CE4E5B9L));
        int from = position * batchSize;
        int to = Math.min(size, from + batchSize);
        int[] digits = new int[to - from];
        int start = shardStart(shard);
        for (int i = from; i < to; i++) {
            digits[i - from] = start + order[i];
        }
        return digits;
    }

    /** A uniformly random permutation of {@code [0, n)} (Fisher–Yates). */
    private static int[] permutation(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
