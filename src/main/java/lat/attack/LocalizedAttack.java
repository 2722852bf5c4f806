package lat.attack;

import java.io.Serializable;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Check;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One attack of the paper with its settings: the mask of {@code kind} scaled to an epmatrix,
 * then a search inside it by {@code method} (PGD: Algorithm 1). Used alike by training, evaluation
 * and {@code lat attack}.
 *
 * @param pgd PGD's steps, step size and random start; APGD-CE takes only its steps
 */
public record LocalizedAttack(AttackKind kind, AttackSettings attack, PgdSettings pgd, AttackMethod method)
        implements Serializable {

    public LocalizedAttack {
        Check.that(
                kind != null && attack != null && pgd != null && method != null,
                "an attack needs a kind, a budget, PGD settings and a method");
        // a larger step only overshoots the box it is clipped back into: almost surely a mistake
        Check.that(
                method != AttackMethod.PGD || pgd.stepSize() <= attack.epsilon(),
                "PGD step size " + pgd.stepSize() + " is larger than epsilon " + attack.epsilon());
    }

    /** The paper's attack: PGD. */
    public LocalizedAttack(AttackKind kind, AttackSettings attack, PgdSettings pgd) {
        this(kind, attack, pgd, AttackMethod.PGD);
    }

    /**
     * Adversarial versions of {@code images} against the network behind {@code gradient}.
     *
     * @param seed seeds the random start (derive it from the run seed and the minibatch)
     */
    public INDArray craft(CnnInputGradient gradient, INDArray images, INDArray labels, long seed) {
        INDArray epmatrix = Masks.epmatrix(kind, images, attack);
        return switch (method) {
            case PGD -> Pgd.perturb(gradient, images, labels, epmatrix, pgd, seed);
            case APGD_CE -> Apgd.perturb(gradient, images, labels, epmatrix, pgd.steps(), seed);
        };
    }

    /** The size of the first step: PGD's fixed step; APGD-CE's starts at twice epsilon, then halves as it stalls. */
    public double stepSize() {
        return switch (method) {
            case PGD -> pgd.stepSize();
            case APGD_CE -> Apgd.INITIAL_STEP * attack.epsilon();
        };
    }

    /** Whether the search starts from a random point in the box (APGD-CE always does). */
    public boolean randomStart() {
        return method == AttackMethod.APGD_CE || pgd.randomStart();
    }
}
