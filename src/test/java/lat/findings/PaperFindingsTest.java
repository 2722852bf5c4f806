package lat.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lat.core.AttackKind;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;

class PaperFindingsTest {
    @Test
    void theFileHoldsTheFourFindingsAndThePercentages() {
        assertEquals(
                List.of(
                        "natural-model-fooled",
                        "adversarial-training-robust",
                        "standard-costs-natural-accuracy",
                        "localized-costs-less",
                        "broad-mask-natural-loss-6.5",
                        "background-natural-loss-4.4",
                        "broad-mask-adversarial-loss-65-99"),
                PaperFindings.ALL.stream().map(Finding::id).toList());
    }

    @Test
    void everyComparisonNamesModelsAndInputsThatExist() {
        Set<String> models =
                Arrays.stream(ModelKind.values()).map(ModelKind::id).collect(Collectors.toSet());
        Set<String> inputs = Stream.concat(
                        Stream.of(Comparison.NATURAL),
                        Arrays.stream(AttackKind.values()).map(AttackKind::id))
                .collect(Collectors.toSet());
        for (Finding finding : PaperFindings.ALL) {
            for (Comparison c : finding.comparisons()) {
                assertTrue(models.contains(c.model()), c.describe());
                assertTrue(inputs.contains(c.input()), c.describe());
                if (c.effect() != Comparison.Effect.VALUE) {
                    assertTrue(models.contains(c.baseModel()), c.describe());
                    assertTrue(inputs.contains(c.baseInput()), c.describe());
                }
            }
        }
    }

    @Test
    void thePercentagesTheTextStatesAgreeWithFigure2() throws IOException {
        // the text's rounded figures against the ones Figure 2's numbers give (the CSV's single copy)
        Map<String, double[]> figure2 = figure2();
        List<String> inputs = List.of(Comparison.NATURAL, "standard", "background", "exact-mask", "broad-mask");
        int stated = 0;
        for (Finding finding : PaperFindings.ALL) {
            for (Comparison c : finding.comparisons()) {
                if (c.paperStated() != null) {
                    double cell = figure2.get(c.model())[inputs.indexOf(c.input())];
                    double base = figure2.get(c.baseModel())[inputs.indexOf(c.baseInput())];
                    assertEquals(c.paperStated(), c.effectOf(cell, base), 0.0006, c.describe());
                    stated++;
                }
            }
        }
        assertEquals(4, stated, "6.5%, 4.4%, and the ends of 65.3-99.7%");
    }

    @Test
    void theNoteOnTheStandardModelIsKeptWithItsFinding() {
        Finding adversarial = PaperFindings.ALL.stream()
                .filter(f -> f.id().equals("broad-mask-adversarial-loss-65-99"))
                .findFirst()
                .orElseThrow();
        assertNotNull(adversarial.note());
        assertTrue(adversarial.note().contains("natural model"), adversarial.note());
        assertTrue(
                adversarial.comparisons().stream().allMatch(c -> c.baseModel().equals("natural")));
    }

    @Test
    void aComparisonRefusesAnUnknownModelOrAMissingBase() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Comparison(
                        Metric.LOSS,
                        Comparison.Effect.DIFFERENCE,
                        "robust",
                        "natural",
                        "natural",
                        "natural",
                        Comparison.Side.BELOW,
                        0,
                        null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Comparison(
                        Metric.LOSS,
                        Comparison.Effect.RELATIVE,
                        "natural",
                        "natural",
                        null,
                        null,
                        Comparison.Side.BELOW,
                        0,
                        null));
    }

    /** The paper's Figure 2 by model, natural column as printed (x1000; ratios within a column do not care). */
    private static Map<String, double[]> figure2() throws IOException {
        Map<String, double[]> rows = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                PaperFindingsTest.class.getResourceAsStream("/lat/report/paper-figure2.csv"),
                StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("model,") && !line.isBlank())
                    .forEach(line -> {
                        String[] fields = line.split(",");
                        rows.put(
                                fields[0],
                                Arrays.stream(fields, 1, fields.length)
                                        .mapToDouble(Double::parseDouble)
                                        .toArray());
                    });
        }
        return rows;
    }
}
