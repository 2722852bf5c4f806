package lat.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import lat.TestData;
import lat.attack.CnnInputGradient;
import lat.config.ModelSettings;
import lat.data.Digits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * submit/lat and the executors' Spark settings run OpenBLAS (the output layer's gemm) on one thread
 * (docs/performance.md, "Performance"). That changes how OpenBLAS splits each product, so float sums are rounded
 * in another order, and nothing else: training and the PGD input gradient agree with two threads'
 * within 1e-5 relative difference, the bound of {@link OneDnnHelpersTest} (seen: 2e-7 for the
 * parameters after three Adam steps, 5e-7 for the input gradient; two runs with two threads agree
 * bit for bit).
 */
class OpenBlasThreadsTest {
    private static final ModelSettings PAPER = new ModelSettings(32, 64, 1024, 5);

    /** Three Adam steps of the paper's CNN on 50 digits, then the input gradient, with OpenBLAS on {@code threads}. */
    private static INDArray[] trainAndAttack(int threads, DataSet data) {
        Blas blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        blas.setMaxThreads(threads);
        try {
            MultiLayerNetwork network = Cnn.build(PAPER, 1e-3, 11);
            for (int step = 0; step < 3; step++) {
                network.fit(data);
            }
            INDArray gradient = CnnInputGradient.of(network)
                    .gradient(data.getFeatures(), data.getLabels())
                    .dup();
            return new INDArray[] {network.params().dup(), gradient};
        } finally {
            // -1: ND4J left OpenBLAS alone (ND4J_SKIP_BLAS_THREADS), as submit/lat does, with one thread
            blas.setMaxThreads(before > 0 ? before : 1);
        }
    }

    @Test
    void oneOpenBlasThreadComputesTheSameAsTwo() {
        assumeTrue(Nd4j.getEnvironment().isCPU(), "OpenBLAS runs only on the CPU backend");
        Digits digits = TestData.train().head(50);
        DataSet data = new DataSet(digits.images(), digits.labelsOneHot());

        INDArray[] one = trainAndAttack(1, data);
        INDArray[] two = trainAndAttack(2, data);

        assertTrue(one[1].norm2Number().doubleValue() > 0, "the input gradient is not zero");
        double parameters = OneDnnHelpersTest.relativeError(two[0], one[0]);
        double gradient = OneDnnHelpersTest.relativeError(two[1], one[1]);
        assertTrue(parameters < 1e-5, "parameters after three Adam steps: relative difference " + parameters);
        assertTrue(gradient < 1e-5, "PGD input gradient: relative difference " + gradient);
    }
}
