package lat.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.config.SquareSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The worst case per digit on the trained test CNN, where APGD-CE alone leaves some digits right. */
class WorstCaseTest {
    static final int STEPS = 10;
    static final ApgdTSettings TARGETS = new ApgdTSettings(3, 1);
    static final SquareSettings SQUARE = new SquareSettings(100, 0.8);

    /**
     * Its robust accuracy is never above any single attack's on the same digits, each digit
     * records the attack that fooled it (misclassified exactly where one did), and it stays in the box.
     */
    @Tag("slow")
    @Test
    void isNeverAboveAnySingleAttackAndRecordsWhoBrokeEachDigit() {
        AttackFixture fixture = AttackFixture.load();
        CnnInputGradient gradient = fixture.gradient();
        INDArray images = fixture.images();
        INDArray labels = fixture.labels();
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, new AttackSettings(0.1, 0.0, 6));
        long seed = 5;

        WorstCase.Result worst = WorstCase.perturb(gradient, images, labels, epmatrix, STEPS, TARGETS, SQUARE, seed);
        int[] truth = Rows.classes(labels);
        int[] clean = Rows.classes(gradient.logits(images));
        int[] predicted = Rows.classes(gradient.logits(worst.adversarial()));
        int robust = 0;
        int[] byMethod = new int[AttackMethod.values().length];
        for (int i = 0; i < truth.length; i++) {
            AttackMethod by = worst.brokenBy()[i];
            boolean right = predicted[i] == truth[i];
            assertEquals(clean[i] == truth[i] && !right, by != null, "digit " + i + " broken by " + by);
            robust += right ? 1 : 0;
            if (by != null) {
                byMethod[by.ordinal()]++;
            }
            assertTrue(by == AttackMethod.SQUARE || worst.queries()[i] == 0 || by == null, "digit " + i);
        }
        AttackFixture.assertInsideTheBox(images, worst.adversarial(), epmatrix);

        long ce = correct(
                gradient, labels, Apgd.perturb(gradient, images, labels, epmatrix, STEPS, Seeds.of(seed, "apgd-ce")));
        long targeted = correct(
                gradient,
                labels,
                ApgdTargeted.perturb(gradient, images, labels, epmatrix, STEPS, TARGETS, Seeds.of(seed, "apgd-t"))
                        .adversarial());
        long square = correct(
                gradient,
                labels,
                Square.perturb(gradient::logits, images, labels, epmatrix, SQUARE, Seeds.of(seed, "square"))
                        .adversarial());
        String what = "right: worst case " + robust + " (broken by apgd-ce " + byMethod[AttackMethod.APGD_CE.ordinal()]
                + ", apgd-t " + byMethod[AttackMethod.APGD_T.ordinal()] + ", square "
                + byMethod[AttackMethod.SQUARE.ordinal()] + "), apgd-ce " + ce + ", apgd-t " + targeted + ", square "
                + square;
        assertTrue(robust <= ce && robust <= targeted && robust <= square, what);
        assertTrue(byMethod[AttackMethod.APGD_CE.ordinal()] > 0, what);
        System.out.println(what);
    }

    private static long correct(CnnInputGradient gradient, INDArray labels, INDArray inputs) {
        int[] predicted = Rows.classes(gradient.logits(inputs));
        int[] truth = Rows.classes(labels);
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return right;
    }
}
