package lat;

import com.typesafe.config.ConfigFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import lat.config.ModelSettings;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.data.Digits;
import lat.data.Mnist;
import lat.model.Cnn;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** The committed MNIST slice (2,000 training and 500 test digits) and a small CNN trained on it. */
public final class TestData {
    /** Narrow widths that train in seconds on two cores. */
    public static final ModelSettings SMALL_CNN = new ModelSettings(8, 16, 64, 5);

    private static MultiLayerNetwork trained;

    private TestData() {
    }

    /** The directory of the committed slice, as a local path. */
    public static String mnistDir() {
        try {
            return Path.of(Objects.requireNonNull(TestData.class.getResource("/mnist/t10k-labels-idx1-ubyte.gz"),
                    "test resource /mnist missing").toURI()).getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Settings for tests: reference.conf with the committed slice as data, {@code outputDir} as output,
     * and the given HOCON on top.
     */
    public static Settings settings(java.nio.file.Path outputDir, String hocon) {
        return SettingsLoader.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.parseMap(java.util.Map.of(
                        "lat.data.dir", mnistDir(),
                        "lat.output-dir", outputDir.toString(),
                        "lat.data.train-examples", 2000,
                        "lat.data.test-examples", 500,
                        "lat.evaluate.examples", 500)))
                .withFallback(ConfigFactory.defaultReference()));
    }

    /** The Spark session of the tests: {@code local[2]}, no UI. */
    public static synchronized SparkSession spark() {
        return SparkSession.builder().master("local[2]").appName("lat tests")
                .config("spark.ui.enabled", false).getOrCreate();
    }

    public static Digits train() {
        return Mnist.load(mnistDir(), Mnist.Split.TRAIN, Mnist.ALL, new Configuration());
    }

    public static Digits test() {
        return Mnist.load(mnistDir(), Mnist.Split.TEST, Mnist.ALL, new Configuration());
    }

    /**
     * A small CNN trained naturally for 3 epochs on the 2,000 training digits (fixed seed), shared by
     * the tests that need a network that classifies digits; do not train it further. Training is
     * deterministic, so it is trained once per build and kept in target/ for the other test JVMs.
     */
    public static synchronized MultiLayerNetwork trainedSmallCnn() {
        if (trained != null) {
            return trained;
        }
        java.nio.file.Path cache = java.nio.file.Path.of("target", "test-cache", "small-cnn-3-epochs.zip");
        if (java.nio.file.Files.exists(cache)) {
            trained = ModelStore.load(cache.toString(), new Configuration());
            return trained;
        }
        Digits train = train();
        MultiLayerNetwork network = Cnn.build(SMALL_CNN, 1e-3, 42);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int from = 0; from < train.size(); from += 50) {
                Digits batch = train.slice(from, Math.min(train.size(), from + 50));
                network.fit(new DataSet(batch.images(), batch.labelsOneHot()));
            }
        }
        try {
            ModelStore.save(network, cache.toString(), new Configuration());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        trained = network;
        return trained;
    }
}
