package lat.config;

import java.io.Serializable;
import lat.core.Check;
import lat.core.Images;

/**
 * What the attacks may change ({@code lat.attack}), shared by training and evaluation.
 *
 * @param epsilon         L-infinity budget on the pixels an attack may change (paper: 0.3)
 * @param digitThreshold  a pixel belongs to the digit when its intensity is above this (paper: 0)
 * @param backgroundBlock side of the central square the background attack leaves alone (paper: 6)
 */
public record AttackSettings(double epsilon, double digitThreshold, int backgroundBlock) implements Serializable {
    public AttackSettings {
        Check.that(epsilon > 0 && epsilon <= 1, "epsilon must be in (0, 1], got " + epsilon);
        Check.that(
                digitThreshold >= 0 && digitThreshold < 1, "digit threshold must be in [0, 1), got " + digitThreshold);
        Check.between(backgroundBlock, 0, Images.SIDE, "background block");
    }
}
