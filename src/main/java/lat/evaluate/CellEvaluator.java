package lat.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.config.SquareSettings;
import lat.core.AttackMethod;
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
 * @param attack    digit threshold and background block ({@code lat.attack}); each cell has its epsilon
 * @param pgd       PGD's step size and random start ({@code lat.evaluate.pgd}); each cell has its steps
 * @param apgdT     APGD-T's targets and restarts ({@code lat.evaluate.apgd-t})
 * @param square    Square's p-init ({@code lat.evaluate.square}); a Square cell's steps are its queries
 * @param batchSize digits per minibatch ({@code lat.evaluate.batch-size})
 * @param seed      the run's seed ({@code lat.seed})
 */
public record CellEvaluator(
        AttackSettings attack, PgdSettings pgd, ApgdTSettings apgdT, SquareSettings square, int batchSize, long seed)
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
            sums.add(new MinibatchSums(cell, batch, outcome.input(), outcome.seconds()));
        }
        return sums;
    }

    /**
     * The attack of {@code cell}: its kind, method, epsilon and steps (Square: queries), with this
     * evaluation's digit threshold, background block, PGD step size and random start, APGD-T and
     * Square settings.
     */
    public LocalizedAttack attackOf(Cell cell) {
        return new LocalizedAttack(
                cell.attack(),
                new AttackSettings(cell.epsilon(), attack.digitThreshold(), attack.backgroundBlock()),
                new PgdSettings(cell.steps(), pgd.stepSize(), pgd.randomStart()),
                cell.method(),
                apgdT,
                cell.method() == AttackMethod.SQUARE ? new SquareSettings(cell.steps(), square.pInit()) : square);
    }

    /**
     * The seed of a cell's random starts: the run seed {@code seed} combined with the model's kind
     * and training seed and the attack's name, and for an attack its method's name, epsilon and steps
     * (names and values, not enum or grid positions, so that reordering the enums or the grid changes
     * nothing). A model trained with the run seed itself (every model of a run with the default
     * {@code lat.train.seeds}) keeps the cell seeds of runs before replicates: the training seed enters
     * only when it differs.
     */
    public static long cellSeed(long seed, Cell cell) {
        long model = Seeds.of(seed, cell.model().kind().id());
        if (cell.model().seed() != seed) {
            model = Seeds.of(model, cell.model().seed());
        }
        long input = Seeds.of(model, cell.input());
        if (cell.isNatural()) {
            return input;
        }
        return Seeds.of(Seeds.of(Seeds.of(input, cell.method().id()), Double.toString(cell.epsilon())), cell.steps());
    }
}
