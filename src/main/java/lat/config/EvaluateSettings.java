package lat.config;

import java.io.Serializable;
import java.util.List;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Check;

/**
 * Evaluation ({@code lat.evaluate}): natural inputs, and the grid attacks x methods x epsilons x steps.
 *
 * @param examples        test digits evaluated (paper: 10,000)
 * @param attacks         attacks evaluated besides natural inputs
 * @param methods         how each attack searches its budget (paper: PGD)
 * @param epsilons        the budgets each attack is evaluated at (paper: 0.3)
 * @param steps           the iteration counts each attack is evaluated with (paper: 100)
 * @param batchSize       examples per attack minibatch
 * @param pgd             PGD's step size and random start, with the first of {@code steps} (what {@code lat attack}
 *                        and the benchmark use)
 * @param shards          test shards per cell of the grid, i.e. Spark tasks per cell; 0 for Spark's default parallelism
 * @param progressSeconds seconds between progress lines; 0 prints none
 * @param apgdT           APGD-T's targets and restarts (methods apgd-t and autoattack)
 * @param square          Square's queries and p-init (methods square and autoattack)
 * @param table           the catalog table ({@code database.table} or {@code table}) the evaluation table is
 *                        registered as, its partitions kept in step with the files; "" for none
 */
public record EvaluateSettings(
        int examples,
        List<AttackKind> attacks,
        List<AttackMethod> methods,
        List<Double> epsilons,
        List<Integer> steps,
        int batchSize,
        PgdSettings pgd,
        int shards,
        int progressSeconds,
        ApgdTSettings apgdT,
        SquareSettings square,
        String table)
        implements Serializable {
    /** A catalog table name: an identifier, optionally qualified by a database (Hive's rules, unquoted). */
    public static final String TABLE_NAME = "([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*";

    public EvaluateSettings {
        Check.positive(examples, "evaluated examples");
        attacks = List.copyOf(attacks);
        methods = List.copyOf(methods);
        epsilons = List.copyOf(epsilons);
        steps = List.copyOf(steps);
        Check.that(
                !methods.isEmpty() && !epsilons.isEmpty() && !steps.isEmpty(),
                "evaluation needs at least one method, epsilon and step count");
        epsilons.forEach(eps -> Check.that(eps > 0 && eps <= 1, "evaluation epsilon must be in (0, 1], got " + eps));
        steps.forEach(n -> Check.positive(n, "evaluation steps"));
        Check.positive(batchSize, "evaluation batch size");
        Check.notNegative(shards, "evaluation shards");
        Check.notNegative(progressSeconds, "evaluation progress seconds");
        Check.that(apgdT != null && square != null, "evaluation needs APGD-T and Square settings");
        Check.that(
                table.isEmpty() || table.matches(TABLE_NAME),
                "the evaluation's catalog table must be \"\" or [database.]table, got " + table);
    }
}
