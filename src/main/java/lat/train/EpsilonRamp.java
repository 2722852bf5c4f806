package lat.train;

import java.io.Serializable;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.Check;

/**
 * An epsilon ramp for the training attack ({@code lat.train.epsilon-ramp-steps}), a deviation from
 * Algorithm 1, which attacks with the full epsilon from the first step: over the first
 * {@code steps} global steps the budget grows linearly, step g attacking with
 * {@code epsilon * min(1, (g + 1) / steps)}, and the PGD step size shrinks in proportion, so the
 * attack keeps its shape (steps x step-size relative to epsilon). Without it, adversarial training
 * of MNIST at eps 0.3 from scratch can stay at chance on a short budget (docs/notes/2026-11-26-repro-eps-0.3-on-cpu.md).
 *
 * <p>A pure function of the global step, so every executor computes it for its own minibatches and
 * a resumed run continues it exactly. {@code steps = 0} is the paper's behaviour.
 *
 * @param steps global steps until the full epsilon; 0 for none
 */
public record EpsilonRamp(long steps) implements Serializable {

    public EpsilonRamp {
        Check.notNegative(steps, "epsilon ramp steps");
    }

    /** The fraction of the full epsilon global step {@code step} attacks with, in (0, 1]. */
    public double fraction(long step) {
        return steps == 0 ? 1.0 : Math.min(1.0, (step + 1.0) / steps);
    }

    /** {@code full} as global step {@code step} uses it; {@code full} itself once the ramp is over (or null). */
    public LocalizedAttack attackAt(LocalizedAttack full, long step) {
        double fraction = fraction(step);
        if (full == null || fraction == 1.0) {
            return full;
        }
        AttackSettings attack = full.attack();
        PgdSettings pgd = full.pgd();
        return new LocalizedAttack(
                full.kind(),
                new AttackSettings(attack.epsilon() * fraction, attack.digitThreshold(), attack.backgroundBlock()),
                new PgdSettings(pgd.steps(), pgd.stepSize() * fraction, pgd.randomStart()));
    }
}
