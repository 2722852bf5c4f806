package lat.config;

import java.io.Serializable;
import lat.core.Check;

/**
 * One PGD configuration ({@code lat.train.pgd}, {@code lat.evaluate.pgd}).
 *
 * @param steps       signed-gradient steps (1 with {@code stepSize = epsilon} and no random start is FGSM)
 * @param stepSize    size of one step in pixel intensity
 * @param randomStart start from a uniform random point inside the allowed box
 */
public record PgdSettings(int steps, double stepSize, boolean randomStart) implements Serializable {
    public PgdSettings {
        Check.positive(steps, "PGD steps");
        Check.positive(stepSize, "PGD step size");
    }
}
