package lat.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.TestData;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PGD on real test digits against a trained CNN: bounds, untouched pixels, a higher loss. */
class PgdTest {
    static final PgdSettings FEW_STEPS = new PgdSettings(10, 0.05, true);

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
    void staysInsideTheEpmatrixAndRaisesTheLoss(AttackKind kind) {
        INDArray epmatrix = Masks.epmatrix(kind, images, AttackFixture.PAPER);
        INDArray adversarial = Pgd.perturb(gradient, images, labels, epmatrix, FEW_STEPS, 1);

        AttackFixture.assertInsideTheBox(images, adversarial, epmatrix);

        double[] before = gradient.losses(images, labels).toDoubleVector();
        double[] after = gradient.losses(adversarial, labels).toDoubleVector();
        int raised = 0;
        for (int i = 0; i < before.length; i++) {
            raised += after[i] > before[i] ? 1 : 0;
        }
        assertTrue(raised >= 95, kind + ": loss raised for only " + raised + " of 100 digits");
    }

    @Tag("slow")
    @Test
    void theStandardAttackBreaksANaturallyTrainedModel() {
        LocalizedAttack attack =
                new LocalizedAttack(AttackKind.STANDARD, AttackFixture.PAPER, new PgdSettings(20, 0.03, true));
        BatchedAttack.Outcome outcome =
                BatchedAttack.run(gradient, attack, TestData.test().head(100), 50, 3);
        assertTrue(outcome.cleanAccuracy() > 0.85, "clean accuracy " + outcome.cleanAccuracy());
        assertTrue(outcome.inputAccuracy() < 0.2, "accuracy under attack " + outcome.inputAccuracy());
        assertTrue(outcome.inputLoss() > 5 * outcome.cleanLoss());
    }

    @Test
    void isDeterministicForASeedAndRandomAcrossSeeds() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.BROAD_MASK, images, AttackFixture.PAPER);
        PgdSettings pgd = new PgdSettings(3, 0.05, true);
        float[] first =
                Pgd.perturb(gradient, images, labels, epmatrix, pgd, 7).data().asFloat();
        float[] again =
                Pgd.perturb(gradient, images, labels, epmatrix, pgd, 7).data().asFloat();
        float[] other =
                Pgd.perturb(gradient, images, labels, epmatrix, pgd, 8).data().asFloat();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void fgsmMovesEveryFreePixelByTheWholeBudgetUnlessClipped() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, AttackFixture.PAPER);
        INDArray adversarial = Pgd.perturb(gradient, images, labels, epmatrix, Pgd.fgsm(0.3), 0);
        INDArray moved = adversarial.sub(images);
        float[] x = images.data().asFloat();
        float[] d = moved.data().asFloat();
        for (int i = 0; i < x.length; i++) {
            float bound = d[i] > 0 ? 1f - x[i] : x[i];
            float expected = Math.min(0.3f, bound);
            if (d[i] != 0f) {
                assertEquals(expected, Math.abs(d[i]), 1e-6, "pixel " + i);
            }
        }
    }
}
