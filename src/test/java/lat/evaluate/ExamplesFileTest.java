package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.io.OutputLayout;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored examples of a run: what is written is what is read, and only lat's file is replaced. */
class ExamplesFileTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path output;

    @Test
    void whatIsWrittenIsReadBackExactly() {
        OutputLayout layout = layout();
        AttackExamples.Figure figure = figure("2026-01-02T03:04:05.123456Z", 0.1f / 3);
        ExamplesFile.write(layout, figure, CONF);
        AttackExamples.Figure read = ExamplesFile.read(layout, CONF).orElseThrow();
        assertEquals(
                List.of(
                        figure.runId(),
                        figure.model(),
                        figure.modelSha256(),
                        figure.evaluatedAt(),
                        figure.candidates()),
                List.of(read.runId(), read.model(), read.modelSha256(), read.evaluatedAt(), read.candidates()));
        AttackExamples.Digit written = figure.digits().get(0);
        AttackExamples.Digit back = read.digits().get(0);
        assertEquals(
                List.of(written.index(), written.label(), written.prediction().digit()),
                List.of(back.index(), back.label(), back.prediction().digit()));
        assertArrayEquals(written.clean(), back.clean(), "floats survive JSON bit for bit");
        assertArrayEquals(
                written.prediction().probabilities(), back.prediction().probabilities());
        AttackExamples.Example example = back.examples().get(0);
        assertEquals(
                List.of("background", "apgd-ce", 0.3, 7, 0.05, false),
                List.of(
                        example.attack(),
                        example.method(),
                        example.epsilon(),
                        example.pgdSteps(),
                        example.stepSize(),
                        example.randomStart()));
        assertArrayEquals(written.examples().get(0).adversarial(), example.adversarial());
    }

    @Test
    void aSecondWriteReplacesTheFirstAndLeavesOneFile() throws IOException {
        OutputLayout layout = layout();
        ExamplesFile.write(layout, figure("2026-01-01T00:00:00Z", 0.5f), CONF);
        ExamplesFile.write(layout, figure("2026-02-01T00:00:00Z", 0.25f), CONF);
        assertEquals(
                "2026-02-01T00:00:00Z",
                ExamplesFile.read(layout, CONF).orElseThrow().evaluatedAt());
        try (Stream<Path> files = Files.list(output.resolve("examples/run"))) {
            assertEquals(
                    List.of(ExamplesFile.FILE),
                    files.map(f -> f.getFileName().toString())
                            .filter(name -> !name.startsWith("."))
                            .toList());
        }
    }

    @Test
    void aRunWithoutExamplesHasNone() {
        assertEquals(Optional.empty(), ExamplesFile.read(layout(), CONF));
    }

    @Test
    void aFileThatIsNotExamplesIsADataErrorNamingIt() throws IOException {
        Path file = output.resolve("examples/run/" + ExamplesFile.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"runId\": [");
        DataError error = assertThrows(DataError.class, () -> ExamplesFile.read(layout(), CONF));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void aDirectoryLatDidNotWriteIsNotReplaced() throws IOException {
        Path mine = output.resolve("examples/run/notes.txt");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "mine");
        ConfigError error = assertThrows(
                ConfigError.class, () -> ExamplesFile.write(layout(), figure("2026-01-01T00:00:00Z", 0.5f), CONF));
        assertTrue(error.getMessage().contains(output.resolve("examples/run").toString()), error.getMessage());
        assertEquals("mine", Files.readString(mine));
    }

    private OutputLayout layout() {
        return new OutputLayout(output.toString(), "run");
    }

    /** One digit whose pixels are all {@code pixel}, under one attack. */
    private static AttackExamples.Figure figure(String evaluatedAt, float pixel) {
        float[] clean = new float[lat.core.Images.PIXELS];
        java.util.Arrays.fill(clean, pixel);
        float[] probabilities = {0.01f, 0.9f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.02f, 0.01f};
        AttackExamples.Example example = new AttackExamples.Example(
                "background",
                "apgd-ce",
                0.3,
                7,
                0.05,
                false,
                clean.clone(),
                new AttackExamples.Prediction(8, probabilities.clone()));
        return new AttackExamples.Figure(
                "run",
                "natural",
                "ab".repeat(32),
                evaluatedAt,
                100,
                List.of(new AttackExamples.Digit(
                        42, 1, clean, new AttackExamples.Prediction(1, probabilities), List.of(example))));
    }
}
