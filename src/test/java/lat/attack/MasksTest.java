package lat.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lat.config.AttackSettings;
import lat.core.AttackKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Which pixels each attack may change, on hand-built images where the answer is known exactly. */
class MasksTest {
    static final AttackSettings PAPER = new AttackSettings(0.3, 0.0, 6);

    /** One image [1, 1, 28, 28] with the given pixels set to {@code value}. */
    static INDArray image(double value, int[]... pixels) {
        INDArray image = Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28);
        for (int[] p : pixels) {
            image.putScalar(new long[] {0, 0, p[0], p[1]}, value);
        }
        return image;
    }

    /** The mask as a 28 x 28 grid of 0/1, for exact comparison. */
    static int[][] grid(INDArray mask, int index) {
        int[][] grid = new int[28][28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                grid[r][c] = (int) mask.getDouble(index, 0, r, c);
            }
        }
        return grid;
    }

    static int count(int[][] grid) {
        int n = 0;
        for (int[] row : grid) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    @Test
    void standardChangesEveryPixel() {
        int[][] mask = grid(Masks.changeable(AttackKind.STANDARD, image(1.0, new int[] {5, 5}), PAPER), 0);
        assertEquals(784, count(mask));
    }

    @Test
    void backgroundKeepsTheCentralSixBySixBlock() {
        int[][] mask = grid(Masks.changeable(AttackKind.BACKGROUND, image(0.0), PAPER), 0);
        assertEquals(784 - 36, count(mask));
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean central = r >= 11 && r <= 16 && c >= 11 && c <= 16;
                assertEquals(central ? 0 : 1, mask[r][c], "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void exactMaskKeepsExactlyTheDigitPixels() {
        int[][] mask = grid(Masks.changeable(AttackKind.EXACT_MASK, image(0.5, new int[] {10, 20}), PAPER), 0);
        assertEquals(783, count(mask));
        assertEquals(0, mask[10][20]);
    }

    @Test
    void broadMaskKeepsTheDigitAndItsEightNeighbours() {
        int[][] mask = grid(Masks.changeable(AttackKind.BROAD_MASK, image(0.5, new int[] {10, 20}), PAPER), 0);
        assertEquals(784 - 9, count(mask));
        for (int r = 9; r <= 11; r++) {
            for (int c = 19; c <= 21; c++) {
                assertEquals(0, mask[r][c], "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void digitsTouchingTheBorderAndCornerDoNotWrapAround() {
        INDArray image = image(1.0, new int[] {0, 0}, new int[] {14, 27});
        int[][] broad = grid(Masks.changeable(AttackKind.BROAD_MASK, image, PAPER), 0);
        // corner pixel: itself + 3 neighbours; right-edge pixel: itself + 5 neighbours
        assertEquals(784 - 4 - 6, count(broad));
        assertEquals(1, broad[0][27], "no wrap to the other side");
        assertEquals(1, broad[27][0]);
        assertEquals(0, broad[13][26]);
        assertEquals(0, broad[15][27]);
        int[][] exact = grid(Masks.changeable(AttackKind.EXACT_MASK, image, PAPER), 0);
        assertEquals(782, count(exact));
    }

    @Test
    void anEmptyImageMayChangeEverywhereExceptTheBackgroundBlock() {
        INDArray empty = image(0.0);
        assertEquals(784, count(grid(Masks.changeable(AttackKind.EXACT_MASK, empty, PAPER), 0)));
        assertEquals(784, count(grid(Masks.changeable(AttackKind.BROAD_MASK, empty, PAPER), 0)));
        assertEquals(748, count(grid(Masks.changeable(AttackKind.BACKGROUND, empty, PAPER), 0)));
    }

    @Test
    void thresholdDecidesWhatBelongsToTheDigit() {
        INDArray image = image(0.2, new int[] {3, 3});
        AttackSettings high = new AttackSettings(0.3, 0.5, 6);
        assertEquals(784, count(grid(Masks.changeable(AttackKind.EXACT_MASK, image, high), 0)));
        assertEquals(783, count(grid(Masks.changeable(AttackKind.EXACT_MASK, image, PAPER), 0)));
    }

    @Test
    void masksAreComputedPerImageInABatch() {
        INDArray batch = Nd4j.concat(
                0, image(1.0, new int[] {1, 1}), image(0.0), image(1.0, new int[] {20, 5}, new int[] {20, 6}));
        INDArray mask = Masks.changeable(AttackKind.BROAD_MASK, batch, PAPER);
        assertEquals(784 - 9, count(grid(mask, 0)));
        assertEquals(784, count(grid(mask, 1)));
        assertEquals(784 - 12, count(grid(mask, 2)));
        assertEquals(0, grid(mask, 2)[21][7]);
    }

    @Test
    void epmatrixHoldsEpsilonWhereAPixelMayChangeAndZeroElsewhere() {
        INDArray image = image(1.0, new int[] {14, 14});
        INDArray ep = Masks.epmatrix(AttackKind.EXACT_MASK, image, PAPER);
        assertEquals(0.0, ep.getDouble(0, 0, 14, 14));
        assertEquals(0.3, ep.getDouble(0, 0, 0, 0), 1e-7);
        assertEquals(0.3 * 783, ep.sumNumber().doubleValue(), 1e-2);
    }
}
