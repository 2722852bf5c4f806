package org.nd4j.nativeblas;

/**
 * A compatibility shim, and nothing else: it lets deeplearning4j-nn 1.0.0-M2.1 find out that the
 * loaded libnd4j has oneDNN, so that its convolution and max-pooling layers run on oneDNN
 * ({@code MKLDNNConvHelper}, {@code MKLDNNSubsamplingHelper}) instead of im2col.
 *
 * <p>Why it exists: DL4J's {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()}
 * loads the class {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name and calls
 * {@code getInstance().isUseMKLDNN()}. nd4j-native 1.0.0-M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method, so
 * the lookup fails and every oneDNN layer helper is silently dropped. This class answers at the old
 * name. It only matters together with {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}
 * (in {@code lat.jvm.flags}), without which DL4J creates no layer helper at all.
 *
 * <p>Harmless elsewhere: DL4J asks only on the CPU backend (on CUDA it uses cuDNN helpers and never
 * loads this class), and a libnd4j built without oneDNN answers false, which keeps DL4J's own path.
 * Delete it when DL4J is upgraded past 1.0.0-M2.1 (lat.model.OneDnnHelpersTest says whether the
 * helpers load).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    /** The one method DL4J calls, at the old name. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4j was built with oneDNN (DL4J checks helpersAllowed() itself). */
        public boolean isUseMKLDNN() {
            return NativeOpsHolder.getInstance()
                    .getDeviceNativeOps()
                    .buildInfo()
                    .contains("HAVE_ONEDNN");
        }
    }
}
