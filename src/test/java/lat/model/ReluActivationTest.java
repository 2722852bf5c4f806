package lat.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ReluActivation} computes DL4J's ReLU, forward and backward, on hand-built values. */
class ReluActivationTest {
    /** Pre-activations on both sides of zero and at zero, and the gradient arriving from above. */
    private static final float[] Z = {-2f, -0.5f, 0f, 1e-7f, 0.5f, 3f};

    private static final float[] GRADIENT = {10f, -20f, 30f, -40f, 50f, -60f};

    private static INDArray z() {
        return Nd4j.createFromArray(Z).reshape(2, 3);
    }

    private static INDArray gradient() {
        return Nd4j.createFromArray(GRADIENT).reshape(2, 3);
    }

    @Test
    void theGradientPassesWhereZIsPositiveAndStopsElsewhere() {
        float[] ours = new ReluActivation()
                .backprop(z(), gradient())
                .getFirst()
                .reshape(6)
                .toFloatVector();
        float[] dl4j = new ActivationReLU()
                .backprop(z(), gradient())
                .getFirst()
                .reshape(6)
                .toFloatVector();
        assertArrayEquals(new float[] {0f, 0f, 0f, -40f, 50f, -60f}, ours, 0f);
        assertArrayEquals(dl4j, ours, 0f);
    }

    @Test
    void theForwardPassIsDl4jsReLU() {
        float[] ours = new ReluActivation().getActivation(z(), true).reshape(6).toFloatVector();
        assertArrayEquals(new float[] {0f, 0f, 0f, 1e-7f, 0.5f, 3f}, ours, 0f);
    }

    @Test
    void derivativeInPlaceIsOneWhereZIsPositive() {
        INDArray z = z();
        assertArrayEquals(
                new float[] {0f, 0f, 0f, 1f, 1f, 1f},
                ReluActivation.derivativeInPlace(z).reshape(6).toFloatVector(),
                0f);
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 1f, 1f}, z.reshape(6).toFloatVector(), 0f);
    }

    @Test
    void itReadsBackFromAConfigurationAsItself() {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                        .nIn(2)
                        .nOut(2)
                        .activation(new ReluActivation())
                        .build())
                .build();
        IActivation read = ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                        NeuralNetConfiguration.fromJson(conf.toJson()).getLayer())
                .getActivationFn();
        assertInstanceOf(ReluActivation.class, read);
        assertArrayEquals(
                new float[] {0f, 0f, 0f, -40f, 50f, -60f},
                read.backprop(z(), gradient()).getFirst().reshape(6).toFloatVector(),
                0f);
    }

    @Test
    void worksInFloat64() {
        INDArray z = z().castTo(DataType.DOUBLE);
        INDArray ours = new ReluActivation()
                .backprop(z, gradient().castTo(DataType.DOUBLE))
                .getFirst();
        assertArrayEquals(new double[] {0, 0, 0, -40, 50, -60}, ours.reshape(6).toDoubleVector(), 0);
    }
}
