package lat.attack;

import lat.config.PgdSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * L-infinity projected gradient descent (Madry et al.) inside a per-pixel box: the attack of
 * Algorithm 1. Each pixel x may move within [x - e, x + e] ∩ [0, 1], where e is its entry in the
 * epmatrix; pixels whose e is 0 come out bit-for-bit unchanged. FGSM is the one-step case
 * ({@link #fgsm}).
 */
public final class Pgd {
    private Pgd() {}

    /** FGSM: one step of the full budget from the clean image. */
    public static PgdSettings fgsm(double epsilon) {
        return new PgdSettings(1, epsilon, false);
    }

    /**
     * Crafts adversarial images that raise the loss of the network behind {@code gradient}.
     *
     * @param images   clean images [n, 1, 28, 28] in [0, 1]; not modified
     * @param labels   one-hot labels [n, 10]
     * @param epmatrix per-pixel budget, shaped like {@code images} (see {@link Masks#epmatrix})
     * @param seed     seeds the random start; the same inputs and seed give the same result
     * @return a fresh array of adversarial images
     */
    public static INDArray perturb(
            CnnInputGradient gradient,
            INDArray images,
            INDArray labels,
            INDArray epmatrix,
            PgdSettings pgd,
            long seed) {
        Box box = Box.around(images, epmatrix);
        INDArray adversarial = images.dup();
        if (pgd.randomStart()) {
            adversarial.addi(Box.uniformNoise(images, seed).muli(epmatrix));
            box.clip(adversarial);
        }
        for (int step = 0; step < pgd.steps(); step++) {
            INDArray direction = Transforms.sign(gradient.gradient(adversarial, labels), false);
            adversarial.addi(direction.muli(pgd.stepSize()));
            box.clip(adversarial);
        }
        return adversarial;
    }
}
