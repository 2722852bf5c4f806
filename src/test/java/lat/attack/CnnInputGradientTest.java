package lat.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lat.config.ModelSettings;
import lat.model.Cnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hot-path input gradient against DL4J's own backpropagation and against finite differences. */
class CnnInputGradientTest {

    /** Random images in [0, 1] and random one-hot labels. */
    static INDArray[] batch(int n, DataType type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray images = Nd4j.create(random.doubles(n * 784L, 0, 1).toArray(), new long[] {n, 1, 28, 28}, type);
        INDArray labels = Nd4j.zeros(type, n, 10);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, random.nextInt(10), 1.0);
        }
        return new INDArray[] {images, labels};
    }

    private static double relativeError(INDArray expected, INDArray actual) {
        return actual.sub(expected).norm2Number().doubleValue()
                / expected.norm2Number().doubleValue();
    }

    @Test
    void equalsDl4jBackpropagationOnThePapersNetwork() {
        MultiLayerNetwork network = Cnn.build(new ModelSettings(32, 64, 1024, 5), 1e-4, 7);
        INDArray[] batch = batch(6, DataType.FLOAT, 1);
        INDArray ours =
                CnnInputGradient.of(network).gradient(batch[0], batch[1]).dup();
        // DL4J's input gradient, like ours, is that of the summed loss (it scales only parameter gradients).
        INDArray dl4j =
                network.calculateGradients(batch[0], batch[1], null, null).getSecond();
        assertEquals(3_274_634, network.numParams());
        assertTrue(relativeError(dl4j, ours) < 1e-4, "relative error " + relativeError(dl4j, ours));
        assertArrayEquals(dl4j.shape(), ours.shape());
    }

    @Test
    void followsTheNetworkAfterSync() {
        MultiLayerNetwork network = Cnn.build(new ModelSettings(4, 8, 32, 5), 1e-3, 3);
        INDArray[] batch = batch(8, DataType.FLOAT, 2);
        CnnInputGradient gradient = CnnInputGradient.of(network);
        network.fit(batch[0], batch[1]);
        gradient.syncFrom(network);
        INDArray dl4j =
                network.calculateGradients(batch[0], batch[1], null, null).getSecond();
        INDArray ours = gradient.gradient(batch[0], batch[1]);
        assertTrue(relativeError(dl4j, ours) < 1e-4, "relative error " + relativeError(dl4j, ours));
    }

    @Test
    void givesTheLossesOfItsForwardPassWithTheSameGradient() {
        MultiLayerNetwork network = Cnn.build(new ModelSettings(4, 8, 32, 5), 1e-3, 5);
        INDArray[] batch = batch(8, DataType.FLOAT, 4);
        CnnInputGradient gradient = CnnInputGradient.of(network);
        INDArray alone = gradient.gradient(batch[0], batch[1]).dup();
        INDArray losses = Nd4j.create(DataType.FLOAT, 8);
        INDArray withLosses = gradient.gradient(batch[0], batch[1], losses);
        assertEquals(alone, withLosses);
        assertEquals(gradient.losses(batch[0], batch[1]), losses);
        // the loss is DL4J's mean cross-entropy (natural log) times n
        assertEquals(
                network.score(new org.nd4j.linalg.dataset.DataSet(batch[0], batch[1])) * 8,
                losses.sumNumber().doubleValue(),
                1e-3);
    }

    @Test
    void agreesWithFiniteDifferencesInDoublePrecision() {
        MultiLayerNetwork network = Cnn.build(new ModelSettings(4, 8, 32, 5), 1e-3, 11);
        network = network.convertDataType(DataType.DOUBLE);
        INDArray[] batch = batch(2, DataType.DOUBLE, 3);
        INDArray images = batch[0];
        INDArray labels = batch[1];
        CnnInputGradient gradient = CnnInputGradient.of(network);
        INDArray analytic = gradient.gradient(images, labels).dup();
        SplittableRandom random = new SplittableRandom(5);
        double h = 1e-6;
        for (int check = 0; check < 40; check++) {
            long[] at = {random.nextInt(2), 0, random.nextInt(28), random.nextInt(28)};
            double original = images.getDouble(at);
            images.putScalar(at, original + h);
            double up = gradient.losses(images, labels).sumNumber().doubleValue();
            images.putScalar(at, original - h);
            double down = gradient.losses(images, labels).sumNumber().doubleValue();
            images.putScalar(at, original);
            double numeric = (up - down) / (2 * h);
            assertEquals(
                    numeric,
                    analytic.getDouble(at),
                    1e-6 + 1e-4 * Math.abs(numeric),
                    "d loss / d pixel " + java.util.Arrays.toString(at));
        }
    }
}
