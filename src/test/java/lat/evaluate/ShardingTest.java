package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lat.TestData;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.DigitScores;
import lat.attack.LocalizedAttack;
import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.config.SquareSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.data.Digits;
import lat.model.Cnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
        Cell cell = Cell.natural(new ModelId(ModelKind.NATURAL, 42));
        List<MinibatchSums> shuffled = List.of(
                new MinibatchSums(cell, 2, scores(new int[] {3, 3}, new int[] {3, 1}, 0.3, 0.25), 1),
                new MinibatchSums(cell, 0, scores(new int[] {1, 2}, new int[] {1, 2}, 1e16, 0.5), 1),
                new MinibatchSums(cell, 1, scores(new int[] {7}, new int[] {0}, 1.0), 1));
        CellResult result = CellResult.combine(cell, shuffled);
        assertEquals((((1e16 + 0.5) + 1.0) + 0.3) + 0.25, result.lossSum(), 0.0, "digit by digit, in digit order");
        assertEquals(5, result.examples());
        assertEquals(3, result.correct());
        assertArrayEquals(new int[] {1, 2, 7, 3, 3}, result.digits().labels(), "digits in minibatch order");
        assertThrows(IllegalStateException.class, () -> CellResult.combine(cell, shuffled.subList(0, 2)));
    }

    @Test
    void aCellsSumsAreItsDigitsOutcomesAddedUpExactly() {
        CellEvaluator evaluator = new CellEvaluator(
                new AttackSettings(0.3, 0, 6),
                new PgdSettings(3, 0.05, true),
                ApgdTSettings.STANDARD,
                SquareSettings.STANDARD,
                20,
                42);
        Digits digits = TestData.test().head(60);
        ModelId model = new ModelId(ModelKind.STANDARD, 3);
        MultiLayerNetwork network = Cnn.build(TestData.SMALL_CNN, 1e-3, 1);
        for (Cell cell :
                List.of(Cell.natural(model), new Cell(model, AttackKind.STANDARD, AttackMethod.PGD, 0.05, 2))) {
            CellResult result =
                    CellResult.combine(cell, evaluator.evaluate(network, cell, digits, new Shard(0, 0, 60)));
            List<DigitOutcome> outcomes = DigitTable.outcomes("r", result);
            assertEquals(60, outcomes.size());
            double lossSum = 0;
            long correct = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                DigitOutcome digit = outcomes.get(i);
                assertEquals(i, digit.digit());
                assertEquals(digits.labels()[i], digit.label(), "digit " + i + "'s label");
                lossSum += digit.loss();
                correct += digit.correct() ? 1 : 0;
            }
            assertEquals(result.lossSum(), lossSum, 0.0, cell + ": bit for bit");
            assertEquals(result.correct(), correct, cell.toString());
            assertTrue(
                    outcomes.stream().mapToDouble(DigitOutcome::loss).distinct().count() > 1,
                    cell + ": each digit its own loss");
        }
    }

    private static DigitScores scores(int[] labels, int[] predicted, double... losses) {
        return new DigitScores(labels, predicted, losses, new String[labels.length]);
    }
}
