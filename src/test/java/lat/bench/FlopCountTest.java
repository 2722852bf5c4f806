package lat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lat.config.ModelSettings;
import org.junit.jupiter.api.Test;

/** The FLOP counts of the paper's CNN, worked out by hand in docs/performance.md, "Benchmark". */
class FlopCountTest {
    /** Madry's MNIST CNN: 32 and 64 channels of 5 x 5, 1024 dense units. */
    private static final FlopCount PAPER = FlopCount.of(new ModelSettings(32, 64, 1024, 5));

    @Test
    void eachLayerHasTheMultiplyAddsOfItsOutputsTimesItsInputs() {
        assertEquals(28 * 28 * 32 * 25, PAPER.conv1()); // 0.63 M
        assertEquals(14 * 14 * 64 * 25 * 32, PAPER.conv2()); // 10.04 M
        assertEquals(7 * 7 * 64 * 1024, PAPER.dense()); // 3.21 M
        assertEquals(1024 * 10, PAPER.output()); // 0.01 M
    }

    @Test
    void aForwardPassIs27Point8Mflop() {
        assertEquals(27.77, PAPER.forward() / 1e6, 0.005);
    }

    @Test
    void aPgdStepIsAForwardPassAndTheInputGradientOfEveryLayer() {
        assertEquals(55.5, PAPER.pgdStep() / 1e6, 0.05);
    }

    @Test
    void aTrainingExampleSkipsOnlyTheFirstConvolutionsInputGradient() {
        assertEquals(82.0, PAPER.trainingExample() / 1e6, 0.05);
    }
}
