package lat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lat.TestData;
import lat.config.ModelSettings;
import lat.data.Digits;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The training step of the paper's CNN as {@link Cnn} builds it, with lat's faster classes
 * ({@link MatmulDenseLayer}, {@link ReluActivation}, {@link JavaAdam}), computes what DL4J's own
 * classes compute. The reference: the same network read back with DL4J's classes in place of
 * lat's, with the same parameters.
 */
class CnnTrainingStepTest {
    private static final ModelSettings PAPER = new ModelSettings(32, 64, 1024, 5);
    private static Digits train;

    @BeforeAll
    static void digits() {
        train = TestData.train();
    }

    /** The paper's CNN as Cnn builds it, and its twin with DL4J's classes and the same parameters. */
    private static MultiLayerNetwork[] networkAndDl4jTwin() {
        MultiLayerNetwork ours = Cnn.build(PAPER, 1e-3, 5);
        MultiLayerNetwork dl4j = Cnn.withDl4jClasses(ours);
        String json = ours.getLayerWiseConfigurations().toJson();
        for (Class<?> lat : List.of(MatmulDenseLayer.class, ReluActivation.class, JavaAdam.class)) {
            assertTrue(json.contains('"' + lat.getName() + '"'), "Cnn builds with " + lat);
        }
        assertFalse(dl4j.getLayerWiseConfigurations().toJson().contains("\"lat."), "the twin has no lat class left");
        assertInstanceOf(MatmulDenseLayer.Impl.class, ours.getLayers()[4]);
        assertEquals(DenseLayer.class, dl4j.getLayers()[4].getClass());
        assertEquals(ours.params(), dl4j.params());
        return new MultiLayerNetwork[] {ours, dl4j};
    }

    private static DataSet batch(int from, int size) {
        Digits digits = train.slice(from, from + size);
        return new DataSet(digits.images(), digits.labelsOneHot());
    }

    @Test
    void theDenseLayersConfigurationIsDl4jsButForTheClass() {
        org.deeplearning4j.nn.conf.layers.Layer dl4j =
                withGlobalSettings(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                        .nOut(16)
                        .activation(new ReluActivation())
                        .build());
        org.deeplearning4j.nn.conf.layers.Layer ours =
                withGlobalSettings(MatmulDenseLayer.of(16, new ReluActivation()));
        assertInstanceOf(MatmulDenseLayer.class, ours);
        // equals() compares every field DL4J configures, not the class (lombok's canEqual)
        assertEquals(dl4j, ours);
        assertEquals(dl4j.toString(), ours.toString());
    }

    /** {@code layer} as a network's configuration leaves it, its unset fields filled from the global settings. */
    private static org.deeplearning4j.nn.conf.layers.Layer withGlobalSettings(
            org.deeplearning4j.nn.conf.layers.Layer layer) {
        return new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new JavaAdam(1e-3))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(layer)
                .setInputType(InputType.feedForward(392))
                .build()
                .getConf(0)
                .getLayer();
    }

    @Test
    void gradientsEqualDl4jsClasses() {
        MultiLayerNetwork[] nets = networkAndDl4jTwin();
        DataSet data = batch(0, 16);
        Pair<Gradient, INDArray> ours = nets[0].calculateGradients(data.getFeatures(), data.getLabels(), null, null);
        Pair<Gradient, INDArray> dl4j = nets[1].calculateGradients(data.getFeatures(), data.getLabels(), null, null);
        Map<String, INDArray> byParameter = ours.getFirst().gradientForVariable();
        assertEquals(8, byParameter.size());
        for (Map.Entry<String, INDArray> entry : byParameter.entrySet()) {
            String name = entry.getKey();
            assertTrue(entry.getValue().norm2Number().doubleValue() > 0, name + " has no gradient");
            double error = OneDnnHelpersTest.relativeError(dl4j.getFirst().getGradientFor(name), entry.getValue());
            assertTrue(error < 1e-5, name + ": relative error " + error + " against DL4J's classes");
        }
        double input = OneDnnHelpersTest.relativeError(dl4j.getSecond(), ours.getSecond());
        assertTrue(input < 1e-5, "input gradient: relative error " + input);
    }

    @Test
    void aForwardPassOnOtherDigitsDoesNotLeakIntoTheNextGradient() {
        MultiLayerNetwork[] nets = networkAndDl4jTwin();
        DataSet other = batch(100, 16);
        DataSet data = batch(0, 16);
        // a training-mode forward pass keeps its pre-activation; the gradient of other digits must not use it
        nets[0].output(other.getFeatures(), true);
        INDArray ours = nets[0].calculateGradients(data.getFeatures(), data.getLabels(), null, null)
                .getFirst()
                .gradient();
        INDArray dl4j = nets[1].calculateGradients(data.getFeatures(), data.getLabels(), null, null)
                .getFirst()
                .gradient();
        double error = OneDnnHelpersTest.relativeError(dl4j, ours);
        assertTrue(error < 1e-5, "relative error " + error);
    }

    @Test
    void trainingFollowsDl4jsClasses() {
        MultiLayerNetwork[] nets = networkAndDl4jTwin();
        // Adam turns float-rounding differences in near-zero gradients into full-size update
        // differences, so the two drift apart slowly (OneDnnHelpersTest: the same for the helpers).
        for (int step = 0; step < 10; step++) {
            DataSet data = batch(step * 50, 50);
            nets[0].fit(data);
            nets[1].fit(data);
            assertEquals(nets[1].score(), nets[0].score(), 1e-3 * nets[1].score(), "score after step " + step);
        }
        double drift = OneDnnHelpersTest.relativeError(nets[1].params(), nets[0].params());
        assertTrue(drift < 1e-3, "parameters after 10 Adam steps: relative difference " + drift);
    }
}
