package lat.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.Seeds;
import lat.data.Digits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Scores one shard of one cell, minibatch by minibatch: the pure computation inside each Spark
 * task of the evaluate job (and of the single-threaded reference in the tests).
 *
 * <p>Seeds: PGD's random start of global minibatch g is {@code Seeds.of(cellSeed, g)},
 * exactly what {@code BatchedAttack.run} over all digits with {@code cellSeed} uses, so a shard's
 * results do not depend on where the shard starts.
 *
 * @param attack    epsilon, digit threshold and background block ({@code lat.attack})
 * @param pgd       the evaluation attack ({@code lat.evaluate.pgd})
 * @param batchSize digits per minibatch ({@code lat.evaluate.batch-size})
 * @param seed      the run's seed ({@code lat.seed})
 */
public record CellEvaluator(AttackSettings attack, PgdSettings pgd, int batchSize, long seed)
        implements Serializable {

    /**
     * Scores {@code shard} of {@code digits} (all evaluated digits) on {@code cell} with {@code network}.
     * Threads may share {@code network}: each call copies its weights into an input gradient of its own.
     */
    public List<MinibatchSums> evaluate(MultiLayerNetwork network, Cell cell, Digits digits, Shard shard) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        long cellSeed = cellSeed(seed, cell);
        List<MinibatchSums> sums = new ArrayList<>();
        for (int from = shard.from(), batch = shard.firstBatch(); from < shard.to(); from += batchSize, batch++) {
            Digits minibatch = digits.slice(from, Math.min(shard.to(), from + batchSize));
            // One minibatch per call: each minibatch's sums come back separately, to be added in order.
            BatchedAttack.Outcome outcome = cell.isNatural()
                    ? BatchedAttack.natural(gradient, minibatch, batchSize)
                    : BatchedAttack.run(gradient, attackOf(cell), minibatch, batchSize, cellSeed, batch);
            sums.add(new MinibatchSums(cell, batch, outcome.examples(), outcome.inputLossSum(),
                    outcome.inputCorrect(), outcome.seconds()));
        }
        return sums;
    }

    /** The attack of {@code cell} with this evaluation's settings. */
    public LocalizedAttack attackOf(Cell cell) {
        return new LocalizedAttack(cell.attack(), attack, pgd);
    }

    /**
     * The seed of a cell's PGD random starts: the run seed {@code seed} combined with the model's and the
     * attack's names (names, not enum positions, so that reordering the enums changes nothing).
     */
    public static long cellSeed(long seed, Cell cell) {
        return Seeds.of(Seeds.of(seed, cell.model().id()), cell.input());
    }
}
