package lat.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.TestData;
import lat.config.AttackSettings;
import lat.data.Digits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the attack tests share: the first 100 real test digits, the trained small CNN's gradient,
 * the paper's budget, and the check that an attack stayed inside its per-pixel box.
 */
record AttackFixture(CnnInputGradient gradient, INDArray images, INDArray labels) {
    /** The paper's budget: eps 0.3, digit threshold 0, central 6 x 6 block. */
    static final AttackSettings PAPER = new AttackSettings(0.3, 0.0, 6);

    static AttackFixture load() {
        Digits test = TestData.test().head(100);
        return new AttackFixture(CnnInputGradient.of(TestData.trainedSmallCnn()), test.images(), test.labelsOneHot());
    }

    /**
     * Fails unless every pixel of {@code adversarial} is in [0, 1] and within its budget of the
     * clean one, and pixels with budget 0 are bit-for-bit the clean ones; also unless some pixel moved.
     */
    static void assertInsideTheBox(INDArray images, INDArray adversarial, INDArray epmatrix) {
        float[] x = images.data().asFloat();
        float[] adv = adversarial.data().asFloat();
        float[] ep = epmatrix.data().asFloat();
        int changed = 0;
        for (int i = 0; i < x.length; i++) {
            assertTrue(adv[i] >= 0f && adv[i] <= 1f, "pixel " + i + " = " + adv[i] + " outside [0, 1]");
            assertTrue(Math.abs(adv[i] - x[i]) <= ep[i] + 1e-6f, "pixel " + i + " moved beyond its bound " + ep[i]);
            if (ep[i] == 0f) {
                assertEquals(
                        Float.floatToIntBits(x[i]), Float.floatToIntBits(adv[i]), "locked pixel " + i + " changed");
            } else if (adv[i] != x[i]) {
                changed++;
            }
        }
        assertTrue(changed > 0, "the attack changed nothing");
    }
}
