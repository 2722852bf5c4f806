package lat.attack;

import lat.config.ApgdTSettings;
import lat.config.SquareSettings;
import lat.core.AttackMethod;
import lat.core.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The worst case per digit, as AutoAttack's driver (autoattack/autoattack.py, {@code
 * run_standard_evaluation}) computes it: APGD-CE, then APGD-T on the digits APGD-CE did not fool,
 * then Square on the digits neither fooled. A digit counts as robust only if every attack fails
 * on it; each digit records the attack that first fooled it. All three share the epmatrix.
 *
 * <p>Deviation: AutoAttack's standard suite also runs FAB-T between APGD-T and Square; lat has
 * no FAB. Digits misclassified clean are attacked by nobody (as there).
 */
public final class WorstCase {
    /** The order the attacks run in. */
    private static final AttackMethod[] ORDER = {AttackMethod.APGD_CE, AttackMethod.APGD_T, AttackMethod.SQUARE};

    private WorstCase() {}

    /**
     * @param adversarial per digit, the point that fooled it, else APGD-CE's highest-loss point (else,
     *                    if misclassified clean, the clean image): a fresh array
     * @param brokenBy    per digit, the attack that first fooled it; null where none did (robust, or
     *                    misclassified clean: no attack ran)
     * @param queries     per digit, Square's queries (0 where Square did not run on it)
     */
    public record Result(INDArray adversarial, AttackMethod[] brokenBy, int[] queries) {}

    /**
     * @param steps iterations of APGD-CE and of each APGD-T run
     * @param seed  seeds every attack (each with its own seed derived from its name)
     */
    public static Result perturb(
            CnnInputGradient gradient,
            INDArray images,
            INDArray labels,
            INDArray epmatrix,
            int steps,
            ApgdTSettings apgdT,
            SquareSettings square,
            long seed) {
        int n = (int) images.size(0);
        int[] classes = Rows.classes(labels);
        int[] clean = Rows.classes(gradient.logits(images));
        boolean[] surviving = new boolean[n];
        for (int i = 0; i < n; i++) {
            surviving[i] = clean[i] == classes[i];
        }
        AttackMethod[] brokenBy = new AttackMethod[n];
        int[] queries = new int[n];
        INDArray adversarial = images.dup();
        for (AttackMethod method : ORDER) {
            int[] rows = Rows.where(surviving);
            if (rows.length == 0) {
                break;
            }
            INDArray x = Rows.take(images, rows);
            INDArray y = Rows.take(labels, rows);
            INDArray e = Rows.take(epmatrix, rows);
            long attackSeed = Seeds.of(seed, method.id());
            INDArray found = switch (method) {
                case APGD_CE -> Apgd.perturb(gradient, x, y, e, steps, attackSeed);
                case APGD_T ->
                    ApgdTargeted.perturb(gradient, x, y, e, steps, apgdT, attackSeed)
                            .adversarial();
                case SQUARE -> {
                    Square.Result result = Square.perturb(gradient::logits, x, y, e, square, attackSeed);
                    for (int j = 0; j < rows.length; j++) {
                        queries[rows[j]] = result.queries()[j];
                    }
                    yield result.adversarial();
                }
                default -> throw new IllegalStateException("not in the worst case: " + method);
            };
            // every survivor is judged by the same forward pass the table scores with
            int[] now = Rows.classes(gradient.logits(found));
            boolean[] fooled = new boolean[rows.length];
            for (int j = 0; j < rows.length; j++) {
                fooled[j] = now[j] != classes[rows[j]];
            }
            // APGD-CE's point stays for every digit it attacked; later attacks replace it where they fool
            int[] adopt = method == AttackMethod.APGD_CE ? Rows.all(rows.length) : Rows.where(fooled);
            int[] adoptRows = new int[adopt.length];
            for (int j = 0; j < adopt.length; j++) {
                adoptRows[j] = rows[adopt[j]];
            }
            if (adopt.length > 0) {
                Rows.put(adversarial, adoptRows, Rows.take(found, adopt));
            }
            for (int j = 0; j < rows.length; j++) {
                if (fooled[j]) {
                    brokenBy[rows[j]] = method;
                    surviving[rows[j]] = false;
                }
            }
        }
        return new Result(adversarial, brokenBy, queries);
    }
}
