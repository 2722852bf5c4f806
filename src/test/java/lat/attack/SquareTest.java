package lat.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lat.config.AttackSettings;
import lat.config.SquareSettings;
import lat.core.AttackKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Square Attack against the trained test CNN: bounds, frozen pixels, determinism, only improvements, its schedule. */
class SquareTest {
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

    private static Square.Result square(INDArray epmatrix, int queries, long seed) {
        return Square.perturb(gradient::logits, images, labels, epmatrix, new SquareSettings(queries, 0.8), seed);
    }

    @ParameterizedTest
    @EnumSource(AttackKind.class)
    void staysInsideTheEpmatrixAndLeavesLockedPixelsBitForBit(AttackKind kind) {
        INDArray epmatrix = Masks.epmatrix(kind, images, AttackFixture.PAPER);
        AttackFixture.assertInsideTheBox(images, square(epmatrix, 10, 1).adversarial(), epmatrix);
    }

    @Test
    void returnsTheInputBitForBitWhenNoPixelIsFree() {
        INDArray epmatrix = images.ulike().assign(0);
        Square.Result result = square(epmatrix, 30, 1);
        assertArrayEquals(images.data().asFloat(), result.adversarial().data().asFloat());
        assertArrayEquals(new int[100], result.queries());
    }

    @Test
    void isDeterministicForASeedRandomAcrossSeedsAndLeavesItsInputsAlone() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.BACKGROUND, images, AttackFixture.PAPER);
        INDArray before = images.dup();
        float[] first = square(epmatrix, 10, 7).adversarial().data().asFloat();
        float[] again = square(epmatrix, 10, 7).adversarial().data().asFloat();
        float[] other = square(epmatrix, 10, 8).adversarial().data().asFloat();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
        assertEquals(before, images);
    }

    /**
     * It accepts only improvements: with the same seed, more queries never leave a higher margin
     * (the first 40 queries are the same), and the margin it reports is the one of the image it returns.
     */
    @Tag("slow")
    @Test
    void lowersTheMarginMonotonicallyAndReportsTheReturnedImagesMargin() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, new AttackSettings(0.1, 0.0, 6));
        Square.Result fewer = square(epmatrix, 40, 3);
        Square.Result more = square(epmatrix, 160, 3);
        double[] clean = Square.margins(gradient.logits(images), Rows.classes(labels), Rows.all(100));
        double[] returned = Square.margins(gradient.logits(more.adversarial()), Rows.classes(labels), Rows.all(100));
        int lowered = 0;
        for (int i = 0; i < 100; i++) {
            assertTrue(more.margins()[i] <= fewer.margins()[i], "digit " + i);
            assertEquals(more.margins()[i], returned[i], 1e-4, "digit " + i);
            if (clean[i] > 0) {
                lowered += more.margins()[i] < clean[i] ? 1 : 0;
            }
        }
        assertTrue(lowered > 50, lowered + " digits' margins lowered");
    }

    /** The paper's budget fools most of the naturally trained test CNN's digits within a few hundred queries. */
    @Tag("slow")
    @Test
    void foolsADigitOnceAndCountsItsQueries() {
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, AttackFixture.PAPER);
        Square.Result result = square(epmatrix, 200, 1);
        int[] predicted = Rows.classes(gradient.logits(result.adversarial()));
        int[] truth = Rows.classes(labels);
        int fooled = 0;
        for (int i = 0; i < 100; i++) {
            if (result.fooled(i)) {
                fooled++;
                assertTrue(predicted[i] != truth[i], "digit " + i);
                assertTrue(result.queries()[i] >= 0 && result.queries()[i] <= 201, "digit " + i);
            } else {
                assertEquals(201, result.queries()[i], "digit " + i + " stopped early without success");
            }
        }
        assertTrue(fooled > 80, fooled + " of 100 fooled");
    }

    @Test
    void shrinksItsSquaresOnTheReferenceSchedule() {
        assertEquals(0.8, Square.p(0, 0.8));
        assertEquals(0.8, Square.p(10, 0.8));
        assertEquals(0.4, Square.p(11, 0.8));
        assertEquals(0.2, Square.p(51, 0.8));
        assertEquals(0.8 / 32, Square.p(2000, 0.8));
        assertEquals(0.8 / 64, Square.p(2001, 0.8));
        assertEquals(0.8 / 512, Square.p(9000, 0.8));
        // sqrt(0.8 * 784) = 25.04; sqrt(0.8 / 64 * 784) = 3.13; the smallest is one pixel
        assertEquals(25, Square.side(0.8));
        assertEquals(3, Square.side(0.8 / 64));
        assertEquals(1, Square.side(0.8 / 512));
    }
}
