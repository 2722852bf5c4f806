package lat.config;

import java.io.Serializable;
import lat.core.Check;

/**
 * Square Attack's settings ({@code lat.evaluate.square}).
 *
 * @param queries most forward passes per digit after the initial one (standard: 5,000)
 * @param pInit   the fraction of the image the first squares cover, in (0, 1] (standard: 0.8)
 */
public record SquareSettings(int queries, double pInit) implements Serializable {
    /** AutoAttack's standard suite. */
    public static final SquareSettings STANDARD = new SquareSettings(5000, 0.8);

    public SquareSettings {
        Check.positive(queries, "Square queries");
        Check.that(pInit > 0 && pInit <= 1, "Square p-init must be in (0, 1], got " + pInit);
    }
}
