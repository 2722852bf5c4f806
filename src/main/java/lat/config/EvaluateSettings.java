package lat.config;

import java.io.Serializable;
import java.util.List;
import lat.attack.AttackKind;

/**
 * Evaluation ({@code lat.evaluate}).
 *
 * @param examples  test digits evaluated (paper: 10,000)
 * @param attacks   attacks evaluated besides natural inputs
 * @param batchSize examples per attack minibatch
 * @param pgd       the evaluation attack (paper: 100 steps)
 */
public record EvaluateSettings(int examples, List<AttackKind> attacks, int batchSize, PgdSettings pgd)
        implements Serializable {
}
