package lat.attack;

import java.io.Serializable;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.Check;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One attack of the paper with its settings: the mask of {@code kind} scaled to an epmatrix,
 * then PGD inside it (Algorithm 1). Used alike by training, evaluation and {@code lat attack}.
 */
public record LocalizedAttack(AttackKind kind, AttackSettings attack, PgdSettings pgd) implements Serializable {

    public LocalizedAttack {
        Check.that(kind != null && attack != null && pgd != null, "an attack needs a kind, a budget and PGD settings");
        // a larger step only overshoots the box it is clipped back into: almost surely a mistake
        Check.that(pgd.stepSize() <= attack.epsilon(), "PGD step size " + pgd.stepSize()
                + " is larger than epsilon " + attack.epsilon());
    }

    /**
     * Adversarial versions of {@code images} against the network behind {@code gradient}.
     *
     * @param seed seeds PGD's random start (derive it from the run seed and the minibatch)
     */
    public INDArray craft(CnnInputGradient gradient, INDArray images, INDArray labels, long seed) {
        INDArray epmatrix = Masks.epmatrix(kind, images, attack);
        return Pgd.perturb(gradient, images, labels, epmatrix, pgd, seed);
    }
}
