package lat.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The targeted DLR loss of APGD-T against hand-computed values, and its gradient against finite differences. */
class DlrTest {
    private static final double[] Z = {4, 2, 1, 0, -1, -2, -3, -4, -5, -6};

    @Test
    void matchesTheHandComputedLossAndGradient() {
        // label 0, target 1: N = 4 - 2 = 2; sorted 4, 2, 1, 0, so D = 4 - (1 + 0) / 2 = 3.5
        INDArray losses = Nd4j.create(DataType.DOUBLE, 1);
        INDArray gradient = Dlr.targeted(new int[] {0}, new int[] {1})
                .lossAndGradient(Nd4j.createFromArray(new double[][] {Z}), losses);
        assertEquals(-2 / 3.5, losses.getDouble(0), 1e-12);
        // d/dz0 = -1/D + N/D^2 (label and largest); d/dz1 = 1/D; d/dz2 = d/dz3 = -N/(2 D^2)
        double[] expected = {-1 / 3.5 + 2 / 12.25, 1 / 3.5, -1 / 12.25, -1 / 12.25, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, gradient.toDoubleVector(), 1e-12);
    }

    @Test
    void isPositiveExactlyWhereTheTargetBeatsTheLabel() {
        // label 2 (logit 1) against target 0 (logit 4): N = 1 - 4 = -3, D = 3.5, loss 3/3.5
        INDArray losses = Nd4j.create(DataType.DOUBLE, 2);
        Dlr.targeted(new int[] {2, 0}, new int[] {0, 9})
                .lossAndGradient(Nd4j.createFromArray(new double[][] {Z, Z}), losses);
        assertEquals(3 / 3.5, losses.getDouble(0), 1e-12);
        assertEquals(-10 / 3.5, losses.getDouble(1), 1e-12);
    }

    @Test
    void doesNotChangeWhenTheLogitsAreShiftedOrScaled() {
        double[] moved = new double[Z.length];
        for (int c = 0; c < Z.length; c++) {
            moved[c] = 7.5 * Z[c] - 3;
        }
        INDArray losses = Nd4j.create(DataType.DOUBLE, 2);
        Dlr.targeted(new int[] {3, 3}, new int[] {5, 5})
                .lossAndGradient(Nd4j.createFromArray(new double[][] {Z, moved}), losses);
        assertEquals(losses.getDouble(0), losses.getDouble(1), 1e-12);
    }

    @Test
    void itsGradientIsTheLossesSlopeAtRandomLogits() {
        Random random = new Random(3);
        double[] z = new double[10];
        for (int c = 0; c < z.length; c++) {
            z[c] = random.nextGaussian() * 3;
        }
        LogitLoss dlr = Dlr.targeted(new int[] {4}, new int[] {7});
        INDArray losses = Nd4j.create(DataType.DOUBLE, 1);
        double[] gradient = dlr.lossAndGradient(Nd4j.createFromArray(new double[][] {z}), losses)
                .toDoubleVector();
        double h = 1e-6;
        for (int c = 0; c < z.length; c++) {
            double[] up = z.clone();
            double[] down = z.clone();
            up[c] += h;
            down[c] -= h;
            dlr.lossAndGradient(Nd4j.createFromArray(new double[][] {up}), losses);
            double lossUp = losses.getDouble(0);
            dlr.lossAndGradient(Nd4j.createFromArray(new double[][] {down}), losses);
            double slope = (lossUp - losses.getDouble(0)) / (2 * h);
            assertEquals(slope, gradient[c], 1e-6, "class " + c);
        }
    }

    @Test
    void ranksClassesByDecreasingLogitAndRefusesATargetEqualToTheLabel() {
        assertArrayEquals(new int[] {1, 0, 2}, Dlr.descending(new double[] {1, 5, 1}));
        assertThrows(IllegalArgumentException.class, () -> Dlr.targeted(new int[] {3}, new int[] {3}));
        assertTrue(Dlr.GUARD > 0);
    }
}
