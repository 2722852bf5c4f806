package lat.attack;

import java.io.Serializable;
import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.config.SquareSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Check;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One attack of the paper with its settings: the mask of {@code kind} scaled to an epmatrix,
 * then a search inside it by {@code method} (PGD: Algorithm 1). Used alike by training, evaluation
 * and {@code lat attack}.
 *
 * @param pgd    PGD's steps, step size and random start; the APGD attacks take only its steps (the
 *               worst case too, for APGD-CE and each APGD-T run), Square none of it
 * @param apgdT  APGD-T's targets and restarts (APGD-T and the worst case)
 * @param square Square's queries and p-init (Square and the worst case)
 */
public record LocalizedAttack(
        AttackKind kind,
        AttackSettings attack,
        PgdSettings pgd,
        AttackMethod method,
        ApgdTSettings apgdT,
        SquareSettings square)
        implements Serializable {

    public LocalizedAttack {
        Check.that(
                kind != null && attack != null && pgd != null && method != null && apgdT != null && square != null,
                "an attack needs a kind, a budget, PGD, APGD-T and Square settings and a method");
        // a larger step only overshoots the box it is clipped back into: almost surely a mistake
        Check.that(
                method != AttackMethod.PGD || pgd.stepSize() <= attack.epsilon(),
                "PGD step size " + pgd.stepSize() + " is larger than epsilon " + attack.epsilon());
    }

    /** The paper's attack: PGD. */
    public LocalizedAttack(AttackKind kind, AttackSettings attack, PgdSettings pgd) {
        this(kind, attack, pgd, AttackMethod.PGD);
    }

    /** {@code method} with AutoAttack's standard APGD-T and Square settings (which PGD and APGD-CE ignore). */
    public LocalizedAttack(AttackKind kind, AttackSettings attack, PgdSettings pgd, AttackMethod method) {
        this(kind, attack, pgd, method, ApgdTSettings.STANDARD, SquareSettings.STANDARD);
    }

    /**
     * Adversarial versions of {@code images} against the network behind {@code gradient}.
     *
     * @param seed seeds the random start (derive it from the run seed and the minibatch)
     */
    public INDArray craft(CnnInputGradient gradient, INDArray images, INDArray labels, long seed) {
        return craftRecorded(gradient, images, labels, seed).images();
    }

    /**
     * The adversarial images, and for the worst case which attack first fooled each digit.
     *
     * @param images   [n, 1, 28, 28]
     * @param brokenBy per digit, the attack of {@link WorstCase} that first fooled it, null where
     *                 none did; null (no array) for the other methods, whose digits are fooled by
     *                 the method itself wherever the image is misclassified
     */
    public record Crafted(INDArray images, AttackMethod[] brokenBy) {}

    /** As {@link #craft}, with what the worst case records per digit. */
    public Crafted craftRecorded(CnnInputGradient gradient, INDArray images, INDArray labels, long seed) {
        INDArray epmatrix = Masks.epmatrix(kind, images, attack);
        return switch (method) {
            case PGD -> new Crafted(Pgd.perturb(gradient, images, labels, epmatrix, pgd, seed), null);
            case APGD_CE -> new Crafted(Apgd.perturb(gradient, images, labels, epmatrix, pgd.steps(), seed), null);
            case APGD_T ->
                new Crafted(
                        ApgdTargeted.perturb(gradient, images, labels, epmatrix, pgd.steps(), apgdT, seed)
                                .adversarial(),
                        null);
            case SQUARE ->
                new Crafted(
                        Square.perturb(gradient::logits, images, labels, epmatrix, square, seed)
                                .adversarial(),
                        null);
            case AUTOATTACK -> {
                WorstCase.Result worst =
                        WorstCase.perturb(gradient, images, labels, epmatrix, pgd.steps(), apgdT, square, seed);
                yield new Crafted(worst.adversarial(), worst.brokenBy());
            }
        };
    }

    /**
     * The size of the first step: PGD's fixed step; the APGD attacks' (and so the worst case's) starts
     * at twice epsilon, then halves as it stalls; Square's squares jump 2 epsilon, corner to corner.
     */
    public double stepSize() {
        return method == AttackMethod.PGD ? pgd.stepSize() : Apgd.INITIAL_STEP * attack.epsilon();
    }

    /** Whether the search starts from a random point in the box (all but PGD always do). */
    public boolean randomStart() {
        return method != AttackMethod.PGD || pgd.randomStart();
    }
}
