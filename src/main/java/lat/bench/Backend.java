package lat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import lat.core.BuildInfo;
import lat.model.LayerHelpers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What runs the benchmark: the ND4J backend and the native library actually loaded (its file
 * name says the variant: onednn, avx2, ...), thread counts and the environment variables that tune
 * native code (glibc's malloc, OpenMP, OpenBLAS).
 *
 * @param backend          ND4J's backend class
 * @param nativeLibrary    path of the loaded libnd4j library, from /proc/self/maps
 * @param buildArtifact    the ND4J artifact, classifier and version the build selected (lat/build.properties)
 * @param ompThreads       ND4J's worker threads ({@code Environment.maxThreads})
 * @param masterThreads    ND4J's master threads
 * @param processors       {@code Runtime.availableProcessors()}
 * @param helpersAllowed   whether ND4J may use its platform helpers (oneDNN, cuDNN)
 * @param layerHelpers     the DL4J layer helper of each layer of the timed network that has one
 *                         (e.g. {@code 0=MKLDNNConvHelper}); empty when DL4J runs its own code
 * @param nativeSettings   the environment's {@code MALLOC_*}, {@code OMP_*}, {@code OPENBLAS_*} and
 *                         {@code ND4J_SKIP_BLAS_THREADS} variables
 * @param environment      ND4J's own description ({@code getEnvironmentInformation})
 */
public record Backend(
        String backend,
        String nativeLibrary,
        String buildArtifact,
        int ompThreads,
        int masterThreads,
        int processors,
        boolean helpersAllowed,
        Map<Integer, String> layerHelpers,
        Map<String, String> nativeSettings,
        Map<String, String> environment) {

    /** The backend of this JVM (initialises ND4J) and the layer helpers {@code network} uses. */
    public static Backend ofThisJvm(MultiLayerNetwork network) {
        Environment env = Nd4j.getEnvironment();
        Map<String, String> information = new TreeMap<>();
        Nd4j.getExecutioner()
                .getEnvironmentInformation()
                .forEach((key, value) -> information.put(key.toString(), String.valueOf(value)));
        Map<String, String> nativeSettings = new TreeMap<>();
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("MALLOC_")
                    || key.startsWith("OMP_")
                    || key.startsWith("OPENBLAS_")
                    || key.equals("ND4J_SKIP_BLAS_THREADS")) {
                nativeSettings.put(key, value);
            }
        });
        return new Backend(
                Nd4j.getBackend().getClass().getName(),
                loadedNativeLibrary(),
                BuildInfo.get("nd4j.backend") + ":" + BuildInfo.get("nd4j.classifier") + ":"
                        + BuildInfo.get("nd4j.version"),
                env.maxThreads(),
                env.maxMasterThreads(),
                Runtime.getRuntime().availableProcessors(),
                env.helpersAllowed(),
                LayerHelpers.of(network),
                nativeSettings,
                information);
    }

    /** The libnd4j shared library mapped into this process, or "unknown". */
    private static String loadedNativeLibrary() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.contains("/libnd4j") && path.endsWith(".so"))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
