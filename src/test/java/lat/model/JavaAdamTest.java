package lat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import lat.config.ModelSettings;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link JavaAdam} computes DL4J's Adam: the same update and the same moments as libnd4j's
 * {@code adam_updater} op, step after step, on the views DL4J hands an updater, and it survives
 * every way DL4J copies or saves a configuration.
 */
class JavaAdamTest {
    private static final double LEARNING_RATE = 1e-3;

    /** A state of {@code 2n} floats inside a larger array at an offset, as DL4J's updater state is laid out. */
    private static INDArray stateView(long n) {
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 1, 2 * n + 24);
        return whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + 2 * n));
    }

    private static double relativeError(INDArray expected, INDArray actual) {
        return OneDnnHelpersTest.relativeError(expected, actual);
    }

    /**
     * Five steps from {@code firstIteration} on, with gradients of several magnitudes (Adam's
     * division by the root of the second moment amplifies rounding most where they are small).
     * Sizes below and above the point where the update is split across threads.
     */
    @ParameterizedTest
    @CsvSource({"1000, 0", "300000, 0", "300000, 5000"})
    void updatesAndMomentsEqualDl4jsOp(long n, int firstIteration) {
        GradientUpdater<?> ours = new JavaAdam(LEARNING_RATE).instantiate(stateView(n), true);
        GradientUpdater<?> dl4j = new Adam(LEARNING_RATE).instantiate(stateView(n), true);
        assertInstanceOf(JavaAdam.Updater.class, ours);
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 5; step++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, n).muli(Math.pow(10, -step));
            // the gradient as DL4J passes it: a view into the flattened gradients of the network
            INDArray inBlock =
                    Nd4j.zeros(DataType.FLOAT, 1, n + 5).get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + n));
            inBlock.assign(gradient);
            INDArray reference = gradient.dup();
            ours.applyUpdater(inBlock, firstIteration + step, 0);
            dl4j.applyUpdater(reference, firstIteration + step, 0);

            assertTrue(reference.norm2Number().doubleValue() > 0, "the op computed an update");
            double update = relativeError(reference.reshape(n), inBlock);
            double m = relativeError(dl4j.getState().get("M"), ours.getState().get("M"));
            double v = relativeError(dl4j.getState().get("V"), ours.getState().get("V"));
            String at = "n=" + n + ", step " + step;
            assertTrue(update < 1e-6, at + ": update, relative error " + update);
            assertTrue(m < 1e-6, at + ": first moment, relative error " + m);
            assertTrue(v < 1e-6, at + ": second moment, relative error " + v);
        }
    }

    @Test
    void anArrayTheJavaPathDoesNotHandleGoesToDl4jsOp() {
        long n = 64;
        INDArray ourState = Nd4j.zeros(DataType.DOUBLE, 1, 2 * n);
        INDArray dl4jState = Nd4j.zeros(DataType.DOUBLE, 1, 2 * n);
        GradientUpdater<?> ours = new JavaAdam(LEARNING_RATE).instantiate(ourState, true);
        GradientUpdater<?> dl4j = new Adam(LEARNING_RATE).instantiate(dl4jState, true);
        INDArray gradient = Nd4j.randn(DataType.DOUBLE, 1, n);
        INDArray reference = gradient.dup();
        ours.applyUpdater(gradient, 0, 0);
        dl4j.applyUpdater(reference, 0, 0);
        assertEquals(reference, gradient, "float64 goes to the op, bit for bit");
        assertEquals(dl4jState, ourState);
    }

    @Test
    void thePapersCnnTrainsWithItAndEveryCopyKeepsIt() throws IOException {
        MultiLayerNetwork network = Cnn.build(new ModelSettings(4, 8, 16, 5), LEARNING_RATE, 1);
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        assertUpdater(conf, "built");
        assertUpdater(MultiLayerConfiguration.fromJson(conf.toJson()), "read back from JSON");
        assertUpdater(conf.clone(), "cloned");

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, saved, true);
        MultiLayerNetwork restored =
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()), true);
        assertUpdater(restored.getLayerWiseConfigurations(), "saved and restored");
        assertNotSame(network, restored);
    }

    private static void assertUpdater(MultiLayerConfiguration conf, String how) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof BaseLayer layer) {
                assertInstanceOf(JavaAdam.class, layer.getIUpdater(), how + ": layer " + i);
                assertEquals(LEARNING_RATE, ((JavaAdam) layer.getIUpdater()).getLearningRate(), how + ": layer " + i);
            }
        }
    }
}
