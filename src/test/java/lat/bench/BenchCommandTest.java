package lat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lat.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lat bench --quick} on a tiny CNN: the JSON has every figure, and they are positive. Speed is not checked. */
@Tag("slow")
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void theQuickBenchWritesEveryFigureAsJson() throws IOException {
        Path config = dir.resolve("tiny.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "lat.model { conv1-channels = 2, conv2-channels = 4, dense-units = 16, kernel-size = 3 }",
                        "lat.data.dir = \"" + dir.resolve("no-mnist-here") + "\"",
                        ""));
        Path json = dir.resolve("bench.json");

        int status = Main.run(
                "bench",
                "-c",
                config.toString(),
                "--quick",
                "--reps",
                "2",
                "--batches",
                "4,8",
                "--train-batch",
                "4",
                "--json",
                json.toString());

        assertEquals(0, status);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, result.at("/model/conv1Channels").asInt());
        assertTrue(
                result.at("/images").asText().startsWith("random"),
                result.at("/images").asText());
        assertTrue(result.at("/backend/ompThreads").asInt() > 0);
        assertTrue(result.at("/peak/gflops").asDouble() >= 0);
        assertTrue(result.at("/flopsPerImage/pgdStep").asDouble() > 0);

        JsonNode pgd = result.get("pgd");
        assertEquals(4, pgd.size(), "standard and broad-mask at two batch sizes");
        for (JsonNode speed : pgd) {
            assertTrue(List.of("standard", "broad-mask")
                    .contains(speed.get("attack").asText()));
            assertPositiveSpread(speed.get("imageStepsPerSecond"));
            assertPositiveSpread(speed.get("gflops"));
            assertConditions(speed);
        }
        JsonNode apgd = result.get("apgd");
        assertEquals(2, apgd.size(), "APGD on standard at two batch sizes");
        for (JsonNode speed : apgd) {
            assertEquals("standard", speed.get("attack").asText());
            assertPositiveSpread(speed.get("imageStepsPerSecond"));
            assertPositiveSpread(speed.get("gflops"));
            assertConditions(speed);
        }
        JsonNode training = result.get("training");
        assertEquals(
                List.of("natural", "adversarial"),
                List.of(
                        training.get(0).get("mode").asText(),
                        training.get(1).get("mode").asText()));
        List<String> modes = new ArrayList<>();
        training.forEach(speed -> modes.add(speed.get("mode").asText()));
        assertTrue(modes.contains(Bench.NATURAL_DL4J_CLASSES), "the before of lat's training classes: " + modes);
        for (JsonNode speed : training) {
            assertPositiveSpread(speed.get("minibatchesPerSecond"));
            assertPositiveSpread(speed.get("fitSeconds"));
            assertConditions(speed);
        }
        assertPositiveSpread(training.get(1).get("craftSeconds"));
    }

    /** Every row says what the CPU was doing while it was timed (this machine has /proc). */
    private static void assertConditions(JsonNode row) {
        JsonNode c = row.get("conditions");
        double steal = c.get("stealPercent").asDouble(-1);
        double busy = c.get("busyPercent").asDouble(-1);
        assertTrue(0 <= steal && steal <= 100 && 0 < busy && busy <= 100, row.toString());
        assertTrue(c.get("loadAverage").asDouble(-1) >= 0, row.toString());
        assertEquals(steal >= CpuConditions.FLAG_PERCENT, c.get("underSteal").asBoolean(), row.toString());
    }

    private static void assertPositiveSpread(JsonNode spread) {
        double min = spread.get("min").asDouble();
        double median = spread.get("median").asDouble();
        double max = spread.get("max").asDouble();
        assertTrue(0 < min && min <= median && median <= max, spread.toString());
    }
}
