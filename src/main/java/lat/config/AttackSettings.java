package lat.config;

import java.io.Serializable;

/**
 * What the attacks may change ({@code lat.attack}), shared by training and evaluation.
 *
 * @param epsilon         L-infinity budget on the pixels an attack may change (paper: 0.3)
 * @param digitThreshold  a pixel belongs to the digit when its intensity is above this (paper: 0)
 * @param backgroundBlock side of the central square the background attack leaves alone (paper: 6)
 */
public record AttackSettings(double epsilon, double digitThreshold, int backgroundBlock)
        implements Serializable {
}
