package lat.config;

import java.io.Serializable;
import java.util.List;
import lat.core.AttackKind;
import lat.core.Check;

/**
 * Evaluation ({@code lat.evaluate}).
 *
 * @param examples  test digits evaluated (paper: 10,000)
 * @param attacks   attacks evaluated besides natural inputs
 * @param batchSize examples per attack minibatch
 * @param pgd       the evaluation attack (paper: 100 steps)
 * @param shards    test shards per (model, input) cell, i.e. Spark tasks per cell; 0 for Spark's default parallelism
 */
public record EvaluateSettings(int examples, List<AttackKind> attacks, int batchSize, PgdSettings pgd, int shards)
        implements Serializable {
    public EvaluateSettings {
        Check.positive(examples, "evaluated examples");
        attacks = List.copyOf(attacks);
        Check.positive(batchSize, "evaluation batch size");
        Check.notNegative(shards, "evaluation shards");
    }
}
