package lat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import lat.config.DataSettings;
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

    private TestData() {}

    /** The directory of the committed slice, as a local path. */
    public static String mnistDir() {
        try {
            return Path.of(Objects.requireNonNull(
                                    TestData.class.getResource("/mnist/t10k-labels-idx1-ubyte.gz"),
                                    "test resource /mnist missing")
                            .toURI())
                    .getParent()
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configuration every test run starts from, as HOCON: the committed slice as data (all of
     * it, with its SHA-256 sums from src/test/resources/mnist/README.md) and {@code outputDir} as
     * output. Tests add their own keys after it.
     */
    public static String hocon(Path outputDir) {
        return String.join(
                "\n",
                "lat.data { dir = \"" + mnistDir() + "\", train-examples = 2000, test-examples = 500 }",
                String.join("\n", sha256Assignments()),
                "lat.evaluate.examples = 500",
                "lat.output-dir = \"" + outputDir + "\"");
    }

    /** The slice's SHA-256 sums as {@code key=value} assignments, for files and for {@code --set}. */
    public static List<String> sha256Assignments() {
        return List.of(
                "lat.data.datasets.mnist.sha256.train-images=\"729d340c0177402770b27c04f817dfb40ed8844459b35a9f11ae21067b05cf19\"",
                "lat.data.datasets.mnist.sha256.train-labels=\"90795ea2219655a7281c0d6756d0ae8a33bebac7ec84bac89bbdcc5e3baa9f8c\"",
                "lat.data.datasets.mnist.sha256.test-images=\"de0a55d8eb2a23fce4f596c5234b08b9c8ee685583a2b0e52f3a78eca48f9d89\"",
                "lat.data.datasets.mnist.sha256.test-labels=\"60e902e82445d902e245e1b039469f36936d63cb28e81527a7bbba247c240af3\"");
    }

    /** Settings for tests: reference.conf, then {@link #hocon}, then {@code extra} on top. */
    public static Settings settings(Path outputDir, String extra) {
        return SettingsLoader.from(ConfigFactory.parseString(hocon(outputDir) + "\n" + extra)
                .withFallback(ConfigFactory.defaultReference()));
    }

    /** {@link #hocon} with {@code extra} on top written to {@code file}, for tests that run the command line. */
    public static Path configFile(Path file, Path outputDir, String extra) throws IOException {
        Files.writeString(file, hocon(outputDir) + "\n" + extra + "\n");
        return file;
    }

    /** The Spark session of the tests: {@code local[2]}, no UI. */
    public static synchronized SparkSession spark() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("lat tests")
                .config("spark.ui.enabled", false)
                .getOrCreate();
    }

    /** The data settings of {@link #hocon}: the slice, with its sums. */
    public static DataSettings data() {
        return dataIn(mnistDir());
    }

    /** {@link #data()} with another directory, e.g. a copy of the slice. */
    public static DataSettings dataIn(String dir) {
        return settings(Path.of("unused-output"), "lat.data.dir = \"" + dir + "\"")
                .data();
    }

    public static Digits train() {
        return Mnist.load(data(), Mnist.Split.TRAIN, Mnist.ALL, new Configuration());
    }

    public static Digits test() {
        return Mnist.load(data(), Mnist.Split.TEST, Mnist.ALL, new Configuration());
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
        Path cache = Path.of("target", "test-cache", "small-cnn-3-epochs.zip");
        if (Files.exists(cache)) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trained = network;
        return trained;
    }
}
