package lat.attack;

import static lat.attack.MasksTest.image;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lat.config.AttackSettings;
import lat.core.AttackKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the masks leave free, on hand-built images whose counts are known exactly. */
class MaskCoverageTest {
    private static final AttackSettings PAPER = MasksTest.PAPER;

    /** A 2 x 2 object inside the central block (rows and columns 11..16). */
    private static final INDArray CENTRED =
            image(1.0, new int[] {12, 12}, new int[] {12, 13}, new int[] {13, 12}, new int[] {13, 13});

    /** A 2 x 2 object in the top-left corner, outside the block. */
    private static final INDArray CORNER =
            image(1.0, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 1});

    @Test
    void anObjectInsideTheCentralBlockIsOutOfTheBackgroundAttacksReach() {
        assertEquals(0.0, MaskCoverage.of(CENTRED, PAPER).objectFreeBackground());
    }

    @Test
    void anObjectOutsideTheBlockIsWhollyFreeToTheBackgroundAttack() {
        assertEquals(1.0, MaskCoverage.of(CORNER, PAPER).objectFreeBackground());
    }

    @Test
    void theFractionPoolsObjectPixelsOverImages() {
        // 4 object pixels in the block, 4 outside: half of all object pixels are free
        MaskCoverage coverage = MaskCoverage.of(Nd4j.concat(0, CENTRED, CORNER), PAPER);
        assertEquals(2, coverage.images());
        assertEquals(4.0, coverage.objectPixels());
        assertEquals(0.5, coverage.objectFreeBackground());
    }

    @Test
    void freePixelsAreEachMasksMeanPerImage() {
        MaskCoverage coverage = MaskCoverage.of(Nd4j.concat(0, CENTRED, CORNER), PAPER);
        assertEquals(784.0, coverage.freePixels().get(AttackKind.STANDARD));
        assertEquals(784.0 - 36, coverage.freePixels().get(AttackKind.BACKGROUND));
        assertEquals(784.0 - 4, coverage.freePixels().get(AttackKind.EXACT_MASK));
        // dilated: the centred 2 x 2 grows to 4 x 4 (16), the corner one to 3 x 3 (9)
        assertEquals(784 - (16 + 9) / 2.0, coverage.freePixels().get(AttackKind.BROAD_MASK));
    }

    @Test
    void pixelsAtTheThresholdAreNotTheObject() {
        INDArray faint = image(0.2, new int[] {0, 0}, new int[] {0, 1});
        MaskCoverage coverage = MaskCoverage.of(faint, new AttackSettings(0.3, 0.2, 6));
        assertEquals(0.0, coverage.objectPixels());
        assertEquals(0.0, coverage.objectFreeBackground()); // no object at all
        assertEquals(784.0, coverage.freePixels().get(AttackKind.EXACT_MASK));
    }
}
