package lat.evaluate;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lat.core.DataError;
import lat.io.HadoopFiles;
import lat.io.Sha256;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trained model files as the evaluation uses them: identified by their SHA-256, and loaded at most
 * once per JVM (executors evaluate many shards of the same model).
 */
public final class ModelFiles {
    /** Per JVM: model path to the last version loaded from it. */
    private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();

    private record Loaded(String sha256, MultiLayerNetwork network) {}

    private ModelFiles() {}

    /**
     * The SHA-256 (lower-case hex) of the file at {@code path}.
     *
     * @throws DataError naming the file when it is missing or unreadable
     */
    public static String sha256(String path, Configuration conf) {
        Path file = new Path(path);
        try {
            if (!HadoopFiles.fileSystem(file, conf).exists(file)) {
                throw new DataError("model file " + path + " does not exist; train it first (lat train)");
            }
            return Sha256.ofFile(file, conf);
        } catch (IOException e) {
            throw new DataError("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The network at {@code path}, loaded once per JVM for each version of the file. Callers must
     * not modify it (it is shared by every task of this JVM).
     *
     * @param sha256 the version the driver planned with; a file that changed since is an error,
     *               so that every shard of a cell scores the same model
     * @throws DataError naming the file when it is missing, unreadable or changed
     */
    public static MultiLayerNetwork load(String path, String sha256, Configuration conf) {
        return CACHE.compute(path, (key, loaded) -> {
                    if (loaded != null && loaded.sha256().equals(sha256)) {
                        return loaded;
                    }
                    String found = sha256(path, conf);
                    if (!found.equals(sha256)) {
                        throw new DataError("model file " + path + " changed during the evaluation (SHA-256 " + found
                                + ", expected " + sha256 + ")");
                    }
                    return new Loaded(sha256, ModelStore.load(path, conf));
                })
                .network();
    }
}
