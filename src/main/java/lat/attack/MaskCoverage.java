package lat.attack;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import lat.config.AttackSettings;
import lat.core.AttackKind;
import lat.core.Check;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the four masks leave free on a set of images: the masks were defined for digits (a digit
 * threshold, a central 6 x 6 block), and this measures what they mean on other images
 * (docs/notes/2026-12-03-fashion-mnist.md). Object pixels are those above the digit threshold, as
 * the exact-mask attack sees them.
 *
 * @param images               images measured
 * @param objectPixels         mean object pixels per image
 * @param freePixels           mean pixels per image each attack may change
 * @param objectFreeBackground the fraction of all object pixels the background attack may change
 *                             (object pixels outside the central block over all object pixels);
 *                             0 when no image has an object pixel
 */
public record MaskCoverage(
        long images, double objectPixels, Map<AttackKind, Double> freePixels, double objectFreeBackground) {

    public MaskCoverage {
        Check.that(images > 0, "at least one image must be measured");
        Check.between(objectFreeBackground, 0, 1, "object fraction free under the background attack");
        freePixels = Collections.unmodifiableMap(new EnumMap<>(freePixels));
    }

    /** The coverage of {@code images} [n, 1, 28, 28] (pixels in [0, 1]) under {@code settings}' masks. */
    public static MaskCoverage of(INDArray images, AttackSettings settings) {
        long n = images.size(0);
        Map<AttackKind, Double> free = new EnumMap<>(AttackKind.class);
        for (AttackKind kind : AttackKind.values()) {
            free.put(kind, Masks.changeable(kind, images, settings).sumNumber().doubleValue() / n);
        }
        // the exact-mask attack's forbidden pixels are the object's
        INDArray object =
                Masks.changeable(AttackKind.EXACT_MASK, images, settings).rsubi(1.0);
        double objectTotal = object.sumNumber().doubleValue();
        double objectFree = object.muli(Masks.changeable(AttackKind.BACKGROUND, images, settings))
                .sumNumber()
                .doubleValue();
        return new MaskCoverage(n, objectTotal / n, free, objectTotal == 0 ? 0 : objectFree / objectTotal);
    }
}
