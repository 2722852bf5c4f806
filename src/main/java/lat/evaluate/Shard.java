package lat.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous run of whole minibatches of the evaluated digits: digits {@code from} (inclusive)
 * to {@code to} (exclusive), starting with minibatch {@code firstBatch}. Boundaries fall on
 * minibatch boundaries, so every minibatch, and thus every result, is the same however the digits
 * are sharded.
 */
public record Shard(int firstBatch, int from, int to) implements Serializable {

    /**
     * Splits {@code examples} digits in minibatches of {@code batchSize} into at most {@code shards}
     * shards of as equal a number of minibatches as possible (never an empty shard).
     */
    public static List<Shard> plan(int examples, int batchSize, int shards) {
        if (examples < 1 || batchSize < 1 || shards < 1) {
            throw new IllegalArgumentException(
                    "examples, batch size and shards must be positive: " + examples + ", " + batchSize + ", " + shards);
        }
        int batches = (examples + batchSize - 1) / batchSize;
        int count = Math.min(shards, batches);
        List<Shard> plan = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int first = (int) ((long) s * batches / count);
            int end = (int) ((long) (s + 1) * batches / count);
            plan.add(new Shard(first, first * batchSize, Math.min(examples, end * batchSize)));
        }
        return plan;
    }
}
