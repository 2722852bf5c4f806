package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import lat.TestData;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.ModelKind;
import lat.data.Digits;
import lat.model.Cnn;
import org.junit.jupiter.api.Test;

/** Shard plans and seeds: what makes the evaluation independent of how it is sharded. */
class ShardingTest {

    @Test
    void shardsCoverEveryMinibatchOnceOnMinibatchBoundaries() {
        assertEquals(List.of(new Shard(0, 0, 20), new Shard(1, 20, 60), new Shard(3, 60, 95)), Shard.plan(95, 20, 3));
        assertEquals(
                List.of(new Shard(0, 0, 20), new Shard(1, 20, 25)),
                Shard.plan(25, 20, 8),
                "never more shards than minibatches");
        assertEquals(List.of(new Shard(0, 0, 10_000)), Shard.plan(10_000, 200, 1));
        assertThrows(IllegalArgumentException.class, () -> Shard.plan(0, 20, 3));
    }

    @Test
    void aShardCraftsExactlyWhatASinglePassCraftsForItsMinibatches() {
        CnnInputGradient gradient = CnnInputGradient.of(Cnn.build(TestData.SMALL_CNN, 1e-3, 1));
        LocalizedAttack attack =
                new LocalizedAttack(AttackKind.STANDARD, new AttackSettings(0.3, 0, 6), new PgdSettings(2, 0.1, true));
        Digits digits = TestData.test().head(100);
        float[] whole = BatchedAttack.run(gradient, attack, digits, 20, 9).inputs();
        float[] first = BatchedAttack.run(gradient, attack, digits.slice(0, 40), 20, 9, 0)
                .inputs();
        float[] second = BatchedAttack.run(gradient, attack, digits.slice(40, 100), 20, 9, 2)
                .inputs();
        float[] sharded = Arrays.copyOf(first, whole.length);
        System.arraycopy(second, 0, sharded, first.length, second.length);
        assertArrayEquals(whole, sharded);
    }

    @Test
    void minibatchesAddUpInOrderAndEachExactlyOnce() {
        Cell cell = Cell.natural(ModelKind.NATURAL);
        List<MinibatchSums> shuffled = List.of(
                new MinibatchSums(cell, 2, 5, 0.3, 4, 1),
                new MinibatchSums(cell, 0, 20, 1e16, 19, 1),
                new MinibatchSums(cell, 1, 20, 1.0, 17, 1));
        CellResult result = CellResult.combine(cell, shuffled);
        assertEquals((1e16 + 1.0) + 0.3, result.lossSum(), 0.0);
        assertEquals(45, result.examples());
        assertEquals(40, result.correct());
        assertThrows(IllegalStateException.class, () -> CellResult.combine(cell, shuffled.subList(0, 2)));
    }
}
