package lat.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.TestData;
import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.core.AttackKind;
import lat.model.Cnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** APGD-T against the trained test CNN: bounds, frozen pixels, determinism, its input gradient, its strength. */
class ApgdTargetedTest {
    static CnnInputGradient gradient;
    static INDArray images;
    static INDArray labels;

    @BeforeAll
    static void digits() {
        AttackFixture fixture = AttackFixture.load();
        gradient = fixture.gradient();
        images = fixture.images();
        labels = fixture.labels();
    }

    @ParameterizedTest
    @EnumSource(AttackKind.class)
    void staysInsideTheEpmatrixAndLeavesLockedPixelsBitForBit(AttackKind kind) {
        INDArray epmatrix = Masks.epmatrix(kind, images, new AttackSettings(0.1, 0.0, 6));
        INDArray adversarial = ApgdTargeted.perturb(gradient, images, labels, epmatrix, 5, new ApgdTSettings(2, 1), 1)
                .adversarial();
        AttackFixture.assertInsideTheBox(images, adversarial, epmatrix);
    }

    @Test
    void isDeterministicForASeedRandomAcrossSeedsAndLeavesItsInputsAlone() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, new AttackSettings(0.1, 0.0, 6));
        INDArray before = images.dup();
        ApgdTSettings settings = new ApgdTSettings(1, 1);
        float[] first = ApgdTargeted.perturb(gradient, images, labels, epmatrix, 5, settings, 7)
                .adversarial()
                .data()
                .asFloat();
        float[] again = ApgdTargeted.perturb(gradient, images, labels, epmatrix, 5, settings, 7)
                .adversarial()
                .data()
                .asFloat();
        float[] other = ApgdTargeted.perturb(gradient, images, labels, epmatrix, 5, settings, 8)
                .adversarial()
                .data()
                .asFloat();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
        assertEquals(before, images);
    }

    /** The input gradient of a loss given on the logits: for the cross-entropy it is the built-in one. */
    @Test
    void backpropagatesALogitLossAsTheBuiltInCrossEntropy() {
        LogitLoss crossEntropy = (logits, losses) -> {
            INDArray probabilities = Nd4j.nn().softmax(logits, 1);
            losses.assign(Nd4j.math().log(probabilities.mul(labels).sum(1)).negi());
            return probabilities.subi(labels);
        };
        INDArray losses = Nd4j.create(DataType.FLOAT, 100);
        INDArray viaLogits = gradient.gradient(images, crossEntropy, losses).dup();
        INDArray builtIn = gradient.gradient(images, labels).dup();
        assertTrue(builtIn.amaxNumber().doubleValue() > 0);
        assertTrue(viaLogits.equalsWithEps(builtIn, 1e-5), "input gradients differ");
        assertTrue(losses.equalsWithEps(gradient.losses(images, labels), 1e-4), "losses differ");
    }

    /** Fooled means misclassified on the returned image; unfooled digits come back clean. */
    @Test
    void reportsExactlyTheDigitsItsImagesFool() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, new AttackSettings(0.1, 0.0, 6));
        ApgdTargeted.Result result =
                ApgdTargeted.perturb(gradient, images, labels, epmatrix, 10, new ApgdTSettings(3, 1), 1);
        int[] predicted = Rows.classes(gradient.logits(result.adversarial()));
        int[] truth = Rows.classes(labels);
        float[] clean = images.data().asFloat();
        float[] adversarial = result.adversarial().data().asFloat();
        for (int i = 0; i < 100; i++) {
            assertEquals(predicted[i] != truth[i], result.fooled()[i], "digit " + i);
            if (!result.fooled()[i]) {
                assertArrayEquals(
                        java.util.Arrays.copyOfRange(clean, i * 784, (i + 1) * 784),
                        java.util.Arrays.copyOfRange(adversarial, i * 784, (i + 1) * 784),
                        "digit " + i);
            }
        }
    }

    /**
     * The constructed case of gradient masking that DLR was made for: the test CNN with its logits
     * scaled by 1,000 classifies exactly as before, but its softmax saturates, so the cross-entropy's
     * gradient is exactly 0 on confidently classified digits and APGD-CE cannot move them. The DLR
     * loss does not change under scaling, so APGD-T fools digits APGD-CE leaves right; and more
     * targets never fool fewer (the first target's run is the same).
     */
    @Tag("slow")
    @Test
    void foolsDigitsApgdCeLeavesRightWhereTheSoftmaxSaturates() {
        MultiLayerNetwork saturated = TestData.trainedSmallCnn().clone();
        Cnn.parameters(saturated).get(6).muli(1000);
        Cnn.parameters(saturated).get(7).muli(1000);
        CnnInputGradient masked = CnnInputGradient.of(saturated);
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, AttackFixture.PAPER);
        boolean[] ceRight = right(masked, Apgd.perturb(masked, images, labels, epmatrix, 10, 1));
        ApgdTargeted.Result one =
                ApgdTargeted.perturb(masked, images, labels, epmatrix, 10, new ApgdTSettings(1, 1), 1);
        ApgdTargeted.Result three =
                ApgdTargeted.perturb(masked, images, labels, epmatrix, 10, new ApgdTSettings(3, 1), 1);
        int onlyTargeted = 0;
        int ceLeft = 0;
        for (int i = 0; i < ceRight.length; i++) {
            ceLeft += ceRight[i] ? 1 : 0;
            onlyTargeted += ceRight[i] && three.fooled()[i] ? 1 : 0;
            assertTrue(!one.fooled()[i] || three.fooled()[i], "digit " + i + " fooled by 1 target, not by 3");
        }
        assertTrue(
                onlyTargeted > ceLeft / 2,
                "APGD-CE left " + ceLeft + " right; APGD-T fooled " + onlyTargeted + " of them");
    }

    private static boolean[] right(CnnInputGradient network, INDArray inputs) {
        int[] predicted = Rows.classes(network.logits(inputs));
        int[] truth = Rows.classes(labels);
        boolean[] right = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            right[i] = predicted[i] == truth[i];
        }
        return right;
    }
}
