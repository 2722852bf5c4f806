package lat.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * DL4J's layer helpers: the oneDNN (CPU) or cuDNN (GPU) implementations DL4J swaps in for its own
 * convolution and pooling code when a layer is created. DL4J 1.0.0-M2.1 creates them only when the
 * system property {@value #DISABLE} is {@code false} (lat.jvm.flags sets it for the CPU backend; on
 * the CPU they also need the shim {@code org.nd4j.nativeblas.Nd4jCpu}).
 */
public final class LayerHelpers {
    /** The system property DL4J reads each time it creates a layer (default {@code true}). */
    public static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private LayerHelpers() {}

    /** The helper of each layer of {@code network} that has one, by layer index (e.g. {@code 0=MKLDNNConvHelper}). */
    public static Map<Integer, String> of(MultiLayerNetwork network) {
        Map<Integer, String> helpers = new TreeMap<>();
        for (Layer layer : network.getLayers()) {
            LayerHelper helper = layer.getHelper();
            if (helper != null) {
                helpers.put(layer.getIndex(), helper.getClass().getSimpleName());
            }
        }
        return helpers;
    }

    /**
     * Runs {@code build} (which creates networks) with the helpers on or off, then restores the
     * property. It changes a JVM-wide property: only for single-threaded comparisons (bench, tests).
     */
    public static <T> T with(boolean helpers, Supplier<T> build) {
        String before = System.getProperty(DISABLE);
        System.setProperty(DISABLE, String.valueOf(!helpers));
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(DISABLE);
            } else {
                System.setProperty(DISABLE, before);
            }
        }
    }
}
