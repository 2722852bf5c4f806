package lat.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import lat.core.DataError;
import lat.io.HadoopFiles;
import lat.io.OutputKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Saves and loads networks as DL4J model zips through Hadoop's FileSystem API. */
public final class ModelStore {
    /** A DL4J model zip: a zip with DL4J's {@code configuration.json} entry. */
    public static final OutputKind KIND = OutputKind.file("a DL4J model zip", ModelStore::isModelZip);

    private ModelStore() {}

    /** Writes {@code network} (with its updater state, so training can resume) atomically. */
    public static void save(MultiLayerNetwork network, String path, Configuration conf) throws IOException {
        HadoopFiles.writeAtomically(new Path(path), conf, out -> ModelSerializer.writeModel(network, out, true));
    }

    /**
     * Loads the network at {@code path} and checks that it is the paper's CNN.
     *
     * @throws DataError naming the file when it is missing, not a DL4J model zip, or another network
     */
    public static MultiLayerNetwork load(String path, Configuration conf) {
        Path file = new Path(path);
        MultiLayerNetwork network;
        try {
            FileSystem fs = HadoopFiles.fileSystem(file, conf);
            if (!fs.exists(file)) {
                throw new DataError("model file " + path + " does not exist");
            }
            try (InputStream in = fs.open(file)) {
                network = ModelSerializer.restoreMultiLayerNetwork(in, true);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataError error) {
                throw error;
            }
            throw new DataError(
                    "model file " + path + " is not a readable DL4J MultiLayerNetwork zip: " + e.getMessage(), e);
        }
        try {
            Cnn.shapeOf(network);
        } catch (IllegalArgumentException e) {
            throw new DataError("model file " + path + " is " + e.getMessage());
        }
        return network;
    }

    private static boolean isModelZip(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("configuration.json")) {
                    return true;
                }
            }
            return false;
        } catch (IOException notAZip) {
            return false;
        }
    }
}
