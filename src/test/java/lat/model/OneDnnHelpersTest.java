package lat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import lat.TestData;
import lat.config.ModelSettings;
import lat.data.Digits;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jCpu;

/**
 * DL4J's oneDNN layer helpers (enabled by lat.jvm.flags and the shim {@link Nd4jCpu}) load for the
 * paper's CNN, and training with them computes the same gradients as DL4J's plain path. Two
 * references: the plain path in float32 (same precision, so only the order of float sums differs)
 * and in float64 (the exact gradient up to float64 rounding; the helpers run in float32 only).
 */
class OneDnnHelpersTest {
    private static final ModelSettings PAPER = new ModelSettings(32, 64, 1024, 5);

    /** Real digits: ReLUs and max-pooling see the sparse inputs training sees. */
    private static INDArray images;

    private static INDArray labels;

    @BeforeAll
    static void digits() {
        assumeTrue(
                Nd4j.getEnvironment().isCPU()
                        && Nd4jCpu.Environment.getInstance().isUseMKLDNN(),
                "the oneDNN helpers exist only on the CPU backend built with oneDNN");
        Digits batch = TestData.train().head(16);
        images = batch.images();
        labels = batch.labelsOneHot();
    }

    /** A network built while the helpers are on or off, in the given precision (same seed, same weights). */
    private static MultiLayerNetwork build(boolean helpers, DataType type) {
        MultiLayerNetwork network = LayerHelpers.with(helpers, () -> {
            MultiLayerNetwork built = Cnn.build(PAPER, 1e-4, 7);
            return type == DataType.FLOAT ? built : built.convertDataType(type);
        });
        // otherwise a comparison would set the plain path against itself
        assertEquals(helpers, ((ConvolutionLayer) network.getLayers()[0]).getHelper() != null, "helpers " + helpers);
        return network;
    }

    static double relativeError(INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        return actual.castTo(DataType.DOUBLE).sub(e).norm2Number().doubleValue()
                / e.norm2Number().doubleValue();
    }

    @Test
    void theJvmFlagsLoadTheHelpersForConvolutionAndPooling() {
        // Built with the JVM's own settings: the surefire argLine carries lat.jvm.flags, like every lat JVM.
        Layer[] layers = Cnn.build(PAPER, 1e-4, 7).getLayers();
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) layers[0]).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) layers[1]).getHelper());
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) layers[2]).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) layers[3]).getHelper());
        assertNull(((ConvolutionLayer) build(false, DataType.FLOAT).getLayers()[0]).getHelper());
    }

    /** Seen: every parameter gradient within 1.3e-7..7.3e-7 of both references; the bound leaves 10x. */
    @Test
    void gradientsEqualThePlainPathInFloat32AndFloat64() {
        Pair<Gradient, INDArray> fast = build(true, DataType.FLOAT).calculateGradients(images, labels, null, null);
        Pair<Gradient, INDArray> plain = build(false, DataType.FLOAT).calculateGradients(images, labels, null, null);
        Pair<Gradient, INDArray> exact = build(false, DataType.DOUBLE)
                .calculateGradients(images.castTo(DataType.DOUBLE), labels.castTo(DataType.DOUBLE), null, null);
        Map<String, INDArray> fastByParameter = fast.getFirst().gradientForVariable();
        assertEquals(8, fastByParameter.size());
        for (Map.Entry<String, INDArray> entry : fastByParameter.entrySet()) {
            String name = entry.getKey();
            INDArray ours = entry.getValue();
            assertTrue(ours.norm2Number().doubleValue() > 0, name + " has no gradient");
            double vsPlain = relativeError(plain.getFirst().getGradientFor(name), ours);
            double vsExact = relativeError(exact.getFirst().getGradientFor(name), ours);
            assertTrue(vsPlain < 1e-5, name + ": relative error " + vsPlain + " against the float32 plain path");
            assertTrue(vsExact < 1e-5, name + ": relative error " + vsExact + " against the float64 plain path");
        }
        assertTrue(relativeError(plain.getSecond(), fast.getSecond()) < 1e-5, "input gradient");
        assertTrue(relativeError(exact.getSecond(), fast.getSecond()) < 1e-5, "input gradient (float64)");
    }

    @Test
    void trainingFollowsThePlainPath() {
        MultiLayerNetwork fast = build(true, DataType.FLOAT);
        MultiLayerNetwork plain = build(false, DataType.FLOAT);
        Digits train = TestData.train();
        // Adam divides by the root of the second moment, so float-rounding differences in near-zero
        // gradients become full-size differences in those updates: the paths drift apart slowly
        // (seen here: parameters 1e-5 apart after one step, 7.5e-5 after ten; scores 1e-4).
        for (int step = 0; step < 10; step++) {
            Digits batch = train.slice(step * 50, step * 50 + 50);
            DataSet data = new DataSet(batch.images(), batch.labelsOneHot());
            fast.fit(data);
            plain.fit(data);
            assertEquals(plain.score(), fast.score(), 1e-3 * plain.score(), "score after step " + step);
        }
        double drift = relativeError(plain.params(), fast.params());
        assertTrue(drift < 1e-3, "parameters after 10 Adam steps: relative difference " + drift);
    }
}
