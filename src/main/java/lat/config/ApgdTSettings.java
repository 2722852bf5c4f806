package lat.config;

import java.io.Serializable;
import lat.core.Check;
import lat.core.Images;

/**
 * APGD-T's settings ({@code lat.evaluate.apgd-t}); its iterations per run are the grid's steps.
 *
 * @param targets  target classes, the most likely wrong classes on the clean image first: 1 to 9
 *                 (AutoAttack's standard suite: 9)
 * @param restarts random restarts per target, each on the digits still correctly classified (standard: 1)
 */
public record ApgdTSettings(int targets, int restarts) implements Serializable {
    /** AutoAttack's standard suite. */
    public static final ApgdTSettings STANDARD = new ApgdTSettings(Images.CLASSES - 1, 1);

    public ApgdTSettings {
        Check.between(targets, 1, Images.CLASSES - 1, "APGD-T targets");
        Check.positive(restarts, "APGD-T restarts");
    }
}
