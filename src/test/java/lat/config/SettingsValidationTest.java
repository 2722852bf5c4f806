package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.stream.Stream;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ConfigError;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every wrong value gives one ConfigError naming the key, the value and what is allowed. */
class SettingsValidationTest {

    private static final String POSITIVE_WHOLE = "expected a positive whole number";
    private static final String POSITIVE = "expected a positive number";

    /** The reference settings with {@code hocon} on top, validated. */
    private static Settings withOverride(String hocon) {
        return SettingsLoader.from(
                ConfigFactory.parseString(hocon).withFallback(SettingsLoaderTest.referenceWithoutEnvironment()));
    }

    /** Override, then the key, the value as rendered, and what the message says is allowed. */
    static Stream<Arguments> wrongValues() {
        return Stream.of(
                arguments(
                        "lat.train.models = [natural, resnet]",
                        "lat.train.models",
                        "\"resnet\"",
                        "unknown model 'resnet'; allowed: " + ModelKind.ids()),
                arguments(
                        "lat.train.models = [natural, standard, natural]",
                        "lat.train.models",
                        "\"natural\"",
                        "model 'natural' is listed twice"),
                arguments(
                        "lat.train.models = []",
                        "lat.train.models",
                        "[]",
                        "expected at least one model from: " + ModelKind.ids()),
                arguments(
                        "lat.train.models = natural",
                        "lat.train.models",
                        "\"natural\"",
                        "expected a list of model names from: " + ModelKind.ids()),
                arguments(
                        "lat.evaluate.attacks = [standard, fgsm]",
                        "lat.evaluate.attacks",
                        "\"fgsm\"",
                        "unknown attack 'fgsm'; allowed: " + AttackKind.ids()),
                arguments(
                        "lat.evaluate.attacks = [background, background]",
                        "lat.evaluate.attacks",
                        "\"background\"",
                        "attack 'background' is listed twice"),
                arguments("lat.attack.epsilon = 0", "lat.attack.epsilon", "0", "expected a number in (0, 1]"),
                arguments("lat.attack.epsilon = 1.5", "lat.attack.epsilon", "1.5", "expected a number in (0, 1]"),
                arguments("lat.attack.epsilon = -0.3", "lat.attack.epsilon", "-0.3", "expected a number in (0, 1]"),
                arguments(
                        "lat.attack.epsilon = \"0.3x\"",
                        "lat.attack.epsilon",
                        "\"0.3x\"",
                        "expected a number in (0, 1]"),
                arguments(
                        "lat.attack.digit-threshold = 1",
                        "lat.attack.digit-threshold",
                        "1",
                        "expected a number in [0, 1)"),
                arguments(
                        "lat.attack.digit-threshold = -0.1",
                        "lat.attack.digit-threshold",
                        "-0.1",
                        "expected a number in [0, 1)"),
                arguments(
                        "lat.attack.background-block = 29",
                        "lat.attack.background-block",
                        "29",
                        "expected a whole number from 0 to 28"),
                arguments(
                        "lat.attack.background-block = -1",
                        "lat.attack.background-block",
                        "-1",
                        "expected a whole number from 0 to 28"),
                arguments("lat.train.steps = 0", "lat.train.steps", "0", POSITIVE_WHOLE),
                arguments("lat.train.batch-size = -50", "lat.train.batch-size", "-50", POSITIVE_WHOLE),
                arguments("lat.train.batch-size = 12.5", "lat.train.batch-size", "12.5", POSITIVE_WHOLE),
                arguments("lat.train.batch-size = fifty", "lat.train.batch-size", "\"fifty\"", POSITIVE_WHOLE),
                arguments("lat.train.learning-rate = 0", "lat.train.learning-rate", "0", POSITIVE),
                arguments(
                        "lat.train.epsilon-ramp-steps = -1",
                        "lat.train.epsilon-ramp-steps",
                        "-1",
                        "expected a whole number from 0 to 2147483647"),
                arguments("lat.train.pgd.steps = 0", "lat.train.pgd.steps", "0", POSITIVE_WHOLE),
                arguments("lat.train.pgd.step-size = -0.01", "lat.train.pgd.step-size", "-0.01", POSITIVE),
                arguments(
                        "lat.train.pgd.random-start = maybe",
                        "lat.train.pgd.random-start",
                        "\"maybe\"",
                        "expected true or false"),
                arguments("lat.evaluate.examples = 0", "lat.evaluate.examples", "0", POSITIVE_WHOLE),
                arguments(
                        "lat.evaluate.examples = 10001",
                        "lat.evaluate.examples",
                        "10001",
                        "expected at most lat.data.test-examples = 10000"),
                arguments("lat.evaluate.batch-size = 0", "lat.evaluate.batch-size", "0", POSITIVE_WHOLE),
                arguments("lat.evaluate.pgd.steps = -100", "lat.evaluate.pgd.steps", "-100", POSITIVE_WHOLE),
                arguments("lat.evaluate.pgd.step-size = 0", "lat.evaluate.pgd.step-size", "0", POSITIVE),
                arguments(
                        "lat.evaluate.pgd.steps = [40, 0]",
                        "lat.evaluate.pgd.steps",
                        "[40,0]",
                        "expected a positive whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.evaluate.pgd.steps = [40, 40]",
                        "lat.evaluate.pgd.steps",
                        "[40,40]",
                        "expected a positive whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.evaluate.pgd.steps = []",
                        "lat.evaluate.pgd.steps",
                        "[]",
                        "expected a positive whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.evaluate.epsilons = [0.1, 1.3]",
                        "lat.evaluate.epsilons",
                        "[0.1,1.3]",
                        "expected a non-empty list of distinct numbers, each in (0, 1]"),
                arguments(
                        "lat.evaluate.epsilons = []",
                        "lat.evaluate.epsilons",
                        "[]",
                        "expected a non-empty list of distinct numbers, each in (0, 1]"),
                arguments(
                        "lat.evaluate.epsilons = [0.3, 0.3]",
                        "lat.evaluate.epsilons",
                        "[0.3,0.3]",
                        "expected a non-empty list of distinct numbers, each in (0, 1]"),
                arguments(
                        "lat.evaluate.epsilons = [small]",
                        "lat.evaluate.epsilons",
                        "[\"small\"]",
                        "expected a non-empty list of distinct numbers, each in (0, 1]"),
                arguments(
                        "lat.evaluate { epsilons = [0.3, 0.005], pgd.step-size = 0.01 }",
                        "lat.evaluate.pgd.step-size",
                        "0.01",
                        "expected a step size of at most the smallest of lat.evaluate.epsilons = 0.005"),
                arguments(
                        "lat.evaluate.methods = [pgd, fgsm]",
                        "lat.evaluate.methods",
                        "\"fgsm\"",
                        "unknown attack method 'fgsm'; allowed: " + AttackMethod.ids()),
                arguments(
                        "lat.evaluate.methods = []",
                        "lat.evaluate.methods",
                        "[]",
                        "expected at least one method from: " + AttackMethod.ids()),
                arguments(
                        "lat.evaluate.progress-seconds = -1",
                        "lat.evaluate.progress-seconds",
                        "-1",
                        "expected a whole number from 0 to 2147483647"),
                arguments(
                        "lat.evaluate.table = \"lat.evaluation.v2\"",
                        "lat.evaluate.table",
                        "\"lat.evaluation.v2\"",
                        "expected \"\" or a catalog table name, [database.]table"),
                arguments("lat.model.conv1-channels = 0", "lat.model.conv1-channels", "0", POSITIVE_WHOLE),
                arguments("lat.model.conv2-channels = -1", "lat.model.conv2-channels", "-1", POSITIVE_WHOLE),
                arguments("lat.model.dense-units = 0", "lat.model.dense-units", "0", POSITIVE_WHOLE),
                arguments("lat.model.kernel-size = 0", "lat.model.kernel-size", "0", POSITIVE_WHOLE),
                arguments("lat.data.dir = \"\"", "lat.data.dir", "\"\"", "expected a non-empty string"),
                arguments(
                        "lat.data.datasets.mnist.sha256.test-images = \"0fa7898d\"",
                        "lat.data.datasets.mnist.sha256.test-images",
                        "\"0fa7898d\"",
                        "expected a SHA-256 (64 hexadecimal digits), or \"\" to skip the check"),
                arguments(
                        "lat.data.datasets.mnist.sha256.train-labels = \"" + "g".repeat(64) + "\"",
                        "lat.data.datasets.mnist.sha256.train-labels",
                        "g".repeat(64),
                        "expected a SHA-256 (64 hexadecimal digits)"),
                arguments("lat.output-dir = \"  \"", "lat.output-dir", "\"  \"", "expected a non-empty string"),
                arguments(
                        "lat.data.train-examples = 60001",
                        "lat.data.train-examples",
                        "60001",
                        "expected a whole number from 1 to 60000"),
                arguments(
                        "lat.data.test-examples = 10001",
                        "lat.data.test-examples",
                        "10001",
                        "expected a whole number from 1 to 10000"),
                arguments(
                        "lat.data.train-examples = 0",
                        "lat.data.train-examples",
                        "0",
                        "expected a whole number from 1 to 60000"),
                arguments(
                        "lat.data.fetch.timeout = soon",
                        "lat.data.fetch.timeout",
                        "\"soon\"",
                        "expected a positive duration"),
                arguments(
                        "lat.data.fetch.timeout = 0s",
                        "lat.data.fetch.timeout",
                        "\"0s\"",
                        "expected a positive duration"),
                arguments(
                        "lat.data.datasets.mnist.mirrors = [\"ftp://example.org/mnist/\"]",
                        "lat.data.datasets.mnist.mirrors",
                        "ftp://example.org/mnist/",
                        "expected http:// or https:// URLs ending in '/'"),
                arguments(
                        "lat.data.datasets.mnist.mirrors = [\"https://example.org/mnist\"]",
                        "lat.data.datasets.mnist.mirrors",
                        "https://example.org/mnist",
                        "expected http:// or https:// URLs ending in '/'"),
                arguments("lat.seed = 1.5", "lat.seed", "1.5", "expected a whole number"),
                arguments(
                        "lat.train.seeds = []",
                        "lat.train.seeds",
                        "[]",
                        "expected a whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.train.seeds = [1, 2, 1]",
                        "lat.train.seeds",
                        "[1,2,1]",
                        "expected a whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.train.seeds = [1, 2.5]",
                        "lat.train.seeds",
                        "[1,2.5]",
                        "expected a whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.train.seeds = [1, two]",
                        "lat.train.seeds",
                        "two",
                        "expected a whole number, or a non-empty list of distinct ones"),
                arguments(
                        "lat.run-id = \"a/b\"", "lat.run-id", "\"a/b\"", "expected letters, digits, '.', '_' and '-'"),
                arguments("lat.train = 5", "lat.train", "5", "expected a section with the keys"),
                arguments(
                        "lat.train.parameter-server.port = 80",
                        "lat.train.parameter-server.port",
                        "80",
                        "expected 0 (a free port per JVM) or a port from 1024 to 64511"),
                arguments(
                        "lat.train.parameter-server.same-port = true",
                        "lat.train.parameter-server.same-port",
                        "true",
                        "expected false while lat.train.parameter-server.port = 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void aWrongValueNamesKeyValueAndWhatIsAllowed(String override, String key, String value, String allowed) {
        ConfigError error = assertThrows(ConfigError.class, () -> withOverride(override));

        String message = error.getMessage();
        assertTrue(message.startsWith("invalid " + key + " = "), message);
        assertTrue(message.contains(value), message);
        assertTrue(message.contains(allowed), message);
        assertTrue(message.contains("(String: 1)"), "origin: " + message);
        assertEquals(ConfigError.EXIT_CODE, error.exitCode());
    }

    @Test
    void aMissingKeyIsNamed() {
        Config withoutDataDir = SettingsLoaderTest.referenceWithoutEnvironment().withoutPath("lat.data.dir");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.from(withoutDataDir));

        assertTrue(
                error.getMessage().startsWith("missing configuration key lat.data.dir: expected a non-empty string"),
                error.getMessage());
    }

    @Test
    void aNullValueIsAMissingKey() {
        ConfigError error = assertThrows(ConfigError.class, () -> withOverride("lat.train.steps = null"));

        assertTrue(
                error.getMessage()
                        .startsWith("missing configuration key lat.train.steps: expected a positive whole number"),
                error.getMessage());
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneGetsNoGuess() {
        ConfigError error = assertThrows(ConfigError.class, () -> withOverride("lat.colour = red"));

        assertEquals(
                "unknown configuration key 'lat.colour' (String: 1); "
                        + "the keys allowed are listed, with their defaults, in reference.conf",
                error.getMessage());
    }

    @Test
    void anUnknownKeyInsideASectionIsRejected() {
        ConfigError error =
                assertThrows(ConfigError.class, () -> withOverride("lat.evaluate.pgd { steps = 10, stepsize = 0.1 }"));

        assertEquals(
                "unknown configuration key 'lat.evaluate.pgd.stepsize' (String: 1); "
                        + "did you mean 'lat.evaluate.pgd.step-size'?",
                error.getMessage());
    }

    @Test
    void keysOutsideLatAreIgnored() {
        Settings settings = withOverride("spark.master = \"local[2]\", lat.seed = 3");

        assertEquals(3, settings.seed());
    }

    @Test
    void checksumsMayBeUpperCaseOrEmpty() {
        Settings settings = withOverride(
                "lat.data.datasets.mnist.sha256 { train-images = \"" + "AB".repeat(32) + "\", test-labels = \"\" }");

        assertEquals("ab".repeat(32), settings.data().sha256().trainImages());
        assertEquals("", settings.data().sha256().testLabels());
    }

    @Test
    void wholeNumbersMayBeWrittenInScientificNotation() {
        Settings settings = withOverride("lat.train.steps = 1e5");

        assertEquals(100_000, settings.train().steps());
    }

    @Test
    void boundaryValuesAreAccepted() {
        Settings settings = withOverride("""
                lat.attack { epsilon = 1, digit-threshold = 0.99, background-block = 28 }
                lat.data { train-examples = 1, test-examples = 1 }
                lat.evaluate { examples = 1, attacks = [] }
                lat.data.fetch.local-dir = ""
                lat.data.datasets.mnist { mirrors = [], npm-package = "" }
                """);

        assertEquals(new AttackSettings(1, 0.99, 28), settings.attack());
        assertTrue(settings.evaluate().attacks().isEmpty());
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertEquals(0, ConfigReader.editDistance("steps", "steps"));
        assertEquals(2, ConfigReader.editDistance("lat.trian.steps", "lat.train.steps"));
        assertEquals(1, ConfigReader.editDistance("step-size", "stepsize"));
        assertEquals(3, ConfigReader.editDistance("", "abc"));
    }
}
