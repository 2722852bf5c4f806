package lat.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import lat.TestData;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.cli.ChildJvm;
import lat.cli.Main;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.config.Settings;
import lat.core.AttackKind;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.core.StallError;
import lat.data.Digits;
import lat.io.OutputLayout;
import lat.io.records.CurvePoint;
import lat.io.records.TrainingMetadata;
import lat.io.records.WorkerStats;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on Spark {@code local[2]} with SharedTrainingMaster on the committed MNIST slice
 * (2,000 training and 500 test digits), with a narrow CNN and few PGD steps so it runs in CI.
 */
@Tag("slow")
class TrainJobTest {
    /** Narrow CNN, 300 steps of 50 (7.5 epochs of 2,000 digits), 4-step training PGD. */
    static final String TINY = String.join(
            "\n",
            "lat.run-id = test",
            "lat.model { conv1-channels = 8, conv2-channels = 16, dense-units = 128 }",
            "lat.train { steps = 300, checkpoint-every = 150, learning-rate = 1e-3, shards = 2,",
            "            pgd { steps = 4, step-size = 0.1 } }");
    /** The evaluation attack of the robustness claim: 10 PGD steps of 0.05, eps 0.3, broad mask. */
    static final LocalizedAttack BROAD_MASK_EVALUATION = new LocalizedAttack(
            AttackKind.BROAD_MASK, new AttackSettings(0.3, 0.0, 6), new PgdSettings(10, 0.05, true));

    @TempDir
    static Path output;

    static Settings settings;
    static TrainingMetadata natural;
    static TrainingMetadata broadMask;

    /** Both models through the command line, as a user trains them: one JVM per model. */
    @BeforeAll
    static void train() throws Exception {
        Path config = config("tiny.conf", output, "lat.train.models = [natural, broad-mask]");
        assertEquals(0, Main.run("train", "-c", config.toString()));
        settings = TestData.settings(output, TINY);
        natural = metadata(new ModelId(ModelKind.NATURAL, 42));
        broadMask = metadata(new ModelId(ModelKind.BROAD_MASK, 42));
    }

    static TrainingMetadata metadata(ModelId kind) {
        return metadata(output, kind);
    }

    static TrainingMetadata metadata(Path outputDir, ModelId kind) {
        return TrainingMetadata.read(
                new OutputLayout(outputDir.toString(), "test").metadataFile(kind), new Configuration());
    }

    static MultiLayerNetwork model(ModelId kind) {
        return ModelStore.load(
                new OutputLayout(output.toString(), "test").modelFile(kind).toString(), new Configuration());
    }

    @Test
    void aNaturalModelReaches90PercentOnTheTestDigits() {
        BatchedAttack.Outcome outcome = BatchedAttack.natural(
                CnnInputGradient.of(model(new ModelId(ModelKind.NATURAL, 42))), TestData.test(), 250);
        assertEquals(500, outcome.examples());
        System.out.printf("natural model: accuracy %.3f on the 500 test digits%n", outcome.cleanAccuracy());
        assertTrue(outcome.cleanAccuracy() >= 0.90, "natural test accuracy " + outcome.cleanAccuracy());
        assertEquals(300, natural.steps());
    }

    /** The paper's claim in small: training on broad-mask examples buys robustness to that attack. */
    @Test
    void theTrainingCurveHasAPointPerCheckpointAndShowsTheModelsLearning() {
        for (TrainingMetadata metadata : List.of(natural, broadMask)) {
            assertEquals(
                    List.of(150L, 300L),
                    metadata.curve().stream().map(CurvePoint::step).toList());
            assertEquals(metadata.lastChunkLoss(), metadata.curve().get(1).loss());
            assertTrue(metadata.curve().get(0).wallSeconds()
                    < metadata.curve().get(1).wallSeconds());
        }
        // far above chance (0.1) on clean digits by the first checkpoint, and no worse at the end
        CurvePoint first = natural.curve().get(0);
        CurvePoint last = natural.curve().get(1);
        assertTrue(first.cleanAccuracy() > 0.8, first.toString());
        assertTrue(last.cleanAccuracy() >= first.cleanAccuracy() - 0.02, first + " then " + last);
        assertTrue(last.loss() < 0.5, last.toString());
    }

    @Test
    void broadMaskTrainingIsClearlyMoreRobustToTheBroadMaskAttack() {
        Digits test = TestData.test();
        double naturalUnderAttack = BatchedAttack.run(
                        CnnInputGradient.of(model(new ModelId(ModelKind.NATURAL, 42))),
                        BROAD_MASK_EVALUATION,
                        test,
                        250,
                        1)
                .inputAccuracy();
        double robustUnderAttack = BatchedAttack.run(
                        CnnInputGradient.of(model(new ModelId(ModelKind.BROAD_MASK, 42))),
                        BROAD_MASK_EVALUATION,
                        test,
                        250,
                        1)
                .inputAccuracy();
        System.out.printf(
                "accuracy under the broad-mask attack: natural %.3f, broad-mask %.3f%n",
                naturalUnderAttack, robustUnderAttack);
        assertTrue(
                robustUnderAttack >= naturalUnderAttack + 0.25,
                "broad-mask model " + robustUnderAttack + " vs natural " + naturalUnderAttack + " (margin 0.25)");
    }

    @Test
    void theExecutorsCraftEveryMinibatchOfTheirShardAgainstTheLiveParameters() {
        // every one of the 300 minibatches was crafted with staleness 0, 150 per shard
        assertEquals(Map.of(0L, 300L), broadMask.staleness());
        assertEquals(Map.of(0, 150L, 1, 150L), broadMask.craftedPerShard());
        assertEquals(Map.of(0, 150L, 1, 150L), broadMask.fittedPerShard());
        // ... on Spark executor task threads (in local mode the executor lives in the driver's JVM)
        for (WorkerStats executor : broadMask.executors()) {
            assertTrue(executor.trainingThread().startsWith("Executor task launch worker"), executor.trainingThread());
            assertTrue(executor.updatesSent() > 0, "updates sent: " + executor.updatesSent());
            // local mode is a mesh of one: every update comes back over the loopback
            assertEquals(executor.updatesSent(), executor.updatesLoopback());
        }
        // the executors' counts of updates sent could be read: the standstill guard checked every chunk
        assertEquals(TrainingMetadata.Guard.ON, broadMask.standstillGuard());
        // the natural model crafts nothing, yet trains on both shards
        assertEquals(Map.of(), natural.craftedPerShard());
        assertEquals(Map.of(0, 150L, 1, 150L), natural.fittedPerShard());
    }

    @Test
    void aCompleteModelIsSkippedUnlessForced() throws Exception {
        TrainingMetadata again =
                new TrainJob(TestData.spark(), settings, System.out).train(new ModelId(ModelKind.NATURAL, 42), false);
        assertEquals(natural.createdAt(), again.createdAt());

        // forced, in an output of its own: the other tests use the models trained above
        Path forcedOutput = output.resolve("forced");
        Settings short20 = TestData.settings(forcedOutput, TINY + "\nlat.train { steps = 20, checkpoint-every = 10 }");
        TrainingMetadata first =
                new TrainJob(TestData.spark(), short20, System.out).train(new ModelId(ModelKind.NATURAL, 42), false);
        TrainingMetadata forced =
                new TrainJob(TestData.spark(), short20, System.out).train(new ModelId(ModelKind.NATURAL, 42), true);
        assertNotEquals(first.createdAt(), forced.createdAt(), "retrained");
        assertEquals(
                forced.createdAt(),
                metadata(forcedOutput, new ModelId(ModelKind.NATURAL, 42)).createdAt(),
                "and published");
        assertEquals(0, forced.resumedFromStep(), "from scratch");
        assertEquals(20, forced.steps());
    }

    @Test
    void aKilledRunResumesFromItsLastCheckpointAndEndsWithTheSameSteps() throws Exception {
        Path killed = output.resolve("killed");
        Path config = config("killed.conf", killed, "lat.train { steps = 60, checkpoint-every = 10 }");
        OutputLayout layout = new OutputLayout(killed.toString(), "test");
        Path checkpoints =
                Path.of(layout.checkpointDir(new ModelId(ModelKind.NATURAL, 42)).toString());

        Process child = lat(List.of("train", "-c", config.toString(), "--model", "natural"), output.resolve("aeron"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!hasCheckpoint(checkpoints) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(hasCheckpoint(checkpoints), "no checkpoint appeared");
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertFalse(
                Files.exists(Path.of(
                        layout.modelFile(new ModelId(ModelKind.NATURAL, 42)).toString())),
                "a killed run leaves no model where a complete one is expected");

        Settings resumedSettings =
                TestData.settings(killed, TINY + "\nlat.train { steps = 60, checkpoint-every = 10 }");
        TrainingMetadata resumed = new TrainJob(TestData.spark(), resumedSettings, System.out)
                .train(new ModelId(ModelKind.NATURAL, 42), false);
        assertTrue(resumed.resumedFromStep() >= 10, "resumed from step " + resumed.resumedFromStep());
        assertEquals(60, resumed.steps(), "as many steps as an uninterrupted run");
        // the metadata covers both applications, not only the one that finished
        assertEquals(
                60, resumed.fittedPerShard().values().stream().mapToLong(l -> l).sum(), "minibatches fitted");
        assertTrue(resumed.executors().size() >= 2, "the executors of both applications: " + resumed.executors());
        assertTrue(resumed.examplesPerSecond() > 0, "examples/s " + resumed.examplesPerSecond());
        assertFalse(Double.isNaN(resumed.lastChunkLoss()), "last chunk's loss");
        // the training curve: a point per checkpoint of both applications, the killed one's included
        assertEquals(
                LongStream.rangeClosed(1, 6).map(i -> 10 * i).boxed().toList(),
                resumed.curve().stream().map(CurvePoint::step).toList(),
                "curve steps");
        for (CurvePoint point : resumed.curve()) {
            assertTrue(point.cleanAccuracy() >= 0 && point.cleanAccuracy() <= 1, point.toString());
        }
        assertEquals(resumed.lastChunkLoss(), resumed.curve().get(5).loss(), "the last point is the last chunk");
        assertFalse(Files.exists(checkpoints), "checkpoints are removed once the model is complete");
    }

    /** A chunk past lat.train.chunk-timeout (here any chunk: 1 ms) ends the job, exit 4, naming the chunk. */
    @Test
    void aChunkPastItsTimeoutFailsTheJobClearlyInsteadOfHanging() throws Exception {
        Path stalled = output.resolve("stalled");
        Path config = config("stalled.conf", stalled, "lat.train.chunk-timeout = 1ms");
        Process child =
                lat(List.of("train", "-c", config.toString(), "--model", "natural"), output.resolve("aeron-stall"));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "train did not end");
        assertEquals(StallError.EXIT_CODE, child.exitValue(), out);
        assertTrue(
                out.contains("error: train natural-seed42: steps 0-150 of 300 did not finish within "
                        + "lat.train.chunk-timeout = 1ms (it was this run's first chunk)"),
                out);
        assertTrue(out.contains("Nothing was checkpointed yet: a rerun of run id test starts over"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
        assertFalse(
                Files.exists(Path.of(new OutputLayout(stalled.toString(), "test")
                        .modelFile(new ModelId(ModelKind.NATURAL, 42))
                        .toString())),
                "no model from a stalled training");
    }

    @Test
    void aForcedRetrainOnBadDataLosesNothing() throws Exception {
        Path model = Path.of(new OutputLayout(output.toString(), "test")
                .modelFile(new ModelId(ModelKind.NATURAL, 42))
                .toString());
        byte[] before = Files.readAllBytes(model);
        Settings badData =
                TestData.settings(output, TINY + "\nlat.data.dir = \"" + output.resolve("no-mnist-here") + "\"");
        DataError error = assertThrows(
                DataError.class,
                () -> new TrainJob(TestData.spark(), badData, System.out)
                        .train(new ModelId(ModelKind.NATURAL, 42), true));
        assertTrue(error.getMessage().contains("no-mnist-here"), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(model), "the complete model is still there, unchanged");
        assertEquals(
                natural.createdAt(),
                metadata(new ModelId(ModelKind.NATURAL, 42)).createdAt(),
                "and so is its metadata");
    }

    @Test
    void aModelTrainedWithOtherSettingsIsNotPassedOffAsThisConfigurations() {
        Settings longer = TestData.settings(output, TINY + "\nlat.train.steps = 301");
        ConfigError error = assertThrows(
                ConfigError.class,
                () -> new TrainJob(TestData.spark(), longer, System.out)
                        .train(new ModelId(ModelKind.NATURAL, 42), false));
        assertTrue(error.getMessage().contains("lat.train.steps = 300 there, 301 now"), error.getMessage());
        assertTrue(error.getMessage().contains("--force"), error.getMessage());
    }

    @Test
    void badConfigurationFailsBeforeSparkStarts() throws Exception {
        Path bad = output.resolve("bad.conf");
        Files.writeString(bad, "lat.train.models = [natural, wide-mask]\n");
        Process unknownModel = lat(List.of("train", "-c", bad.toString()), output.resolve("aeron-bad"));
        String out = new String(unknownModel.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, unknownModel.waitFor());
        assertTrue(out.contains("unknown model 'wide-mask'"), out);
        assertFalse(out.contains("SparkContext"), "Spark must not start: " + out);

        Files.writeString(bad, "lat.train.steps = 0\n");
        Process zeroSteps = lat(List.of("train", "-c", bad.toString()), output.resolve("aeron-bad"));
        out = new String(zeroSteps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, zeroSteps.waitFor());
        assertTrue(out.contains("lat.train.steps"), out);
        assertFalse(out.contains("SparkContext"), "Spark must not start: " + out);
    }

    private static boolean hasCheckpoint(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("step-\\d+\\.zip"));
        }
    }

    /** {@code lat ARGS} in a JVM of its own, as a user starts it; stdout and stderr merged. */
    private static Process lat(List<String> args, Path aeronDir) throws java.io.IOException {
        return new ProcessBuilder(
                        ChildJvm.latCommand(List.of("-Daeron.dir=" + aeronDir, "-Dspark.ui.enabled=false"), args))
                .redirectErrorStream(true)
                .start();
    }

    /** A configuration file with {@link #TINY}, the committed slice, {@code extra}, writing to {@code outputDir}. */
    private static Path config(String name, Path outputDir, String extra) throws java.io.IOException {
        return TestData.configFile(output.resolve(name), outputDir, TINY + "\n" + extra);
    }
}
