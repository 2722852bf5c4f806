package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import lat.core.AttackKind;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.evaluate.EvaluationFixture;
import lat.io.OutputLayout;
import lat.io.RunLock;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The command line as a user meets it: exit statuses, messages, and exports another language reads. */
@Tag("slow")
class CommandLineTest {
    @TempDir
    static Path dir;

    static Path config;
    static Path model;

    /** Runs the CLI, returning its exit status; stderr goes into {@code err}. */
    static int run(StringBuilder err, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(original);
            err.append(captured.toString(StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        config = TestData.configFile(
                dir.resolve("test.conf"),
                dir.resolve("output"),
                String.join(
                        "\n",
                        "lat.evaluate.examples = 60",
                        "lat.evaluate.batch-size = 30",
                        "lat.evaluate.pgd { steps = 5, step-size = 0.1 }"));
        model = dir.resolve("model.zip");
        ModelStore.save(TestData.trainedSmallCnn(), model.toString(), new Configuration());
    }

    @Test
    void aWrongConfigurationValueExitsWithStatus2AndOneClearLine() throws IOException {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "lat.attack.epsilon = 1.5\n");
        StringBuilder err = new StringBuilder();
        int status = run(err, "attack", "-c", bad.toString(), "--model", model.toString(), "--attack", "standard");
        assertEquals(2, status);
        assertTrue(err.toString().contains("lat.attack.epsilon"), err.toString());
        assertTrue(err.toString().contains("1.5"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void anUnknownConfigurationKeyExitsWithStatus2() throws IOException {
        Path bad = dir.resolve("typo.conf");
        Files.writeString(bad, "lat.evaluate.pgd.stepz = 3\n");
        StringBuilder err = new StringBuilder();
        assertEquals(
                2,
                run(
                        err,
                        "init-model",
                        "-c",
                        bad.toString(),
                        "--out",
                        dir.resolve("m.zip").toString()));
        assertTrue(err.toString().contains("lat.evaluate.pgd.stepz"), err.toString());
    }

    @Test
    void anUnknownAttackOrOptionExitsWithStatus2() {
        StringBuilder err = new StringBuilder();
        assertEquals(
                2, run(err, "attack", "-c", config.toString(), "--model", model.toString(), "--attack", "wide-mask"));
        assertTrue(err.toString().contains("allowed: standard, background, exact-mask, broad-mask"), err.toString());
        assertEquals(2, run(new StringBuilder(), "attack", "--nonsense"));
        assertEquals(
                2,
                run(
                        new StringBuilder(),
                        "attack",
                        "-c",
                        config.toString(),
                        "--model",
                        model.toString(),
                        "--attack",
                        "standard",
                        "--epsilon",
                        "0"));
    }

    @Test
    void aMissingModelOrDataDirectoryExitsWithStatus3NamingThePath() throws IOException {
        StringBuilder err = new StringBuilder();
        assertEquals(
                3,
                run(
                        err,
                        "attack",
                        "-c",
                        config.toString(),
                        "--model",
                        dir.resolve("none.zip").toString(),
                        "--attack",
                        "standard"));
        assertTrue(err.toString().contains("none.zip"), err.toString());

        Path noData = dir.resolve("nodata.conf");
        Files.writeString(noData, "lat.data.dir = \"" + dir.resolve("empty") + "\"\n");
        StringBuilder err2 = new StringBuilder();
        assertEquals(
                3, run(err2, "attack", "-c", noData.toString(), "--model", model.toString(), "--attack", "standard"));
        assertTrue(err2.toString().contains(dir.resolve("empty").toString()), err2.toString());
        assertTrue(err2.toString().contains("fetch-data"), err2.toString());
    }

    @Test
    void helpExitsWithStatus0() {
        assertEquals(0, run(new StringBuilder(), "--help"));
        assertEquals(0, run(new StringBuilder(), "attack", "--help"));
        assertEquals(0, run(new StringBuilder(), "fetch-data", "--help"));
    }

    /** The export is checked by an independent reader in Python, which recomputes each mask itself. */
    @ParameterizedTest
    @EnumSource(AttackKind.class)
    void attackExportsFilesThatAPythonScriptReadsAndChecks(AttackKind kind) throws Exception {
        Path out = dir.resolve("export-" + kind.id());
        assertEquals(
                0,
                run(
                        new StringBuilder(),
                        "attack",
                        "-c",
                        config.toString(),
                        "--model",
                        model.toString(),
                        "--attack",
                        kind.id(),
                        "--examples",
                        "40",
                        "--out",
                        out.toString()));
        Process python = new ProcessBuilder(
                        "python3", "src/test/python/check_export.py", out.toString(), kind.id(), "0.3")
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        assertTrue(output.startsWith("OK " + kind.id() + ": 40 images"), output);
    }

    @Test
    void attackOutRefusesToReplaceADirectoryLatDidNotWrite() throws IOException {
        Path precious = dir.resolve("precious");
        Files.createDirectories(precious.resolve("models"));
        Files.writeString(precious.resolve("models/model.zip"), "a trained model");
        StringBuilder err = new StringBuilder();
        assertEquals(
                2,
                run(
                        err,
                        "attack",
                        "-c",
                        config.toString(),
                        "--model",
                        model.toString(),
                        "--attack",
                        "standard",
                        "--examples",
                        "10",
                        "--out",
                        precious.toString()));
        assertTrue(err.toString().contains("refusing to replace " + precious), err.toString());
        assertEquals("a trained model", Files.readString(precious.resolve("models/model.zip")));
        // its own export it replaces
        Path export = dir.resolve("export-twice");
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    0,
                    run(
                            new StringBuilder(),
                            "attack",
                            "-c",
                            config.toString(),
                            "--model",
                            model.toString(),
                            "--attack",
                            "standard",
                            "--examples",
                            "10",
                            "--out",
                            export.toString()));
        }
    }

    @Test
    void anUnwritableOutputLocationFailsBeforeAnyWorkWithStatus3() throws IOException {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "a file where the outputs should go");
        StringBuilder err = new StringBuilder();
        assertEquals(
                3,
                run(
                        err,
                        "train",
                        "-c",
                        config.toString(),
                        "--set",
                        "output-dir=\"" + file + "\"",
                        "--models",
                        "natural"));
        assertTrue(err.toString().contains(file.toString()), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aCorruptModelMetInsideASparkTaskIsOneLineWithStatus3() throws IOException {
        Path output = dir.resolve("corrupt");
        // a complete model as train leaves it (with its metadata), whose zip then went bad: only a task reads it
        EvaluationFixture.saveModels(
                TestData.settings(output, "lat.run-id = bad\nlat.train.models = [natural]"),
                TestData.trainedSmallCnn());
        Path zip = output.resolve("models/bad/natural-seed42/model.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        StringBuilder err = new StringBuilder();
        assertEquals(
                3,
                run(
                        err,
                        "evaluate",
                        "-c",
                        config.toString(),
                        "--run-id",
                        "bad",
                        "--models",
                        "natural",
                        "--set",
                        "output-dir=\"" + output + "\"",
                        "--set",
                        "evaluate.attacks=[]"));
        assertTrue(err.toString().startsWith("error: model file " + zip), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aSecondCommandOnARunInUseIsRefusedWithStatus2() {
        OutputLayout layout = new OutputLayout(dir.resolve("output").toString(), "busy");
        try (RunLock running = RunLock.acquire(
                layout, "train", List.of(layout.modelLock(new ModelId(ModelKind.NATURAL, 42))), new Configuration())) {
            StringBuilder err = new StringBuilder();
            assertEquals(2, run(err, "evaluate", "-c", config.toString(), "--run-id", "busy"));
            assertTrue(err.toString().contains("run busy is in use by train"), err.toString());
        }
    }
}
