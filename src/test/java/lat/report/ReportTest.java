package lat.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lat.TestData;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.core.DataError;
import lat.evaluate.AttackExamples;
import lat.evaluate.EvaluationFixture;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.evaluate.ExamplesFile;
import lat.findings.CellOutcomes;
import lat.findings.Finding;
import lat.findings.Outcomes;
import lat.findings.PaperFindings;
import lat.findings.Verdicts;
import lat.io.JsonFiles;
import lat.io.OutputLayout;
import lat.stats.Proportions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a small run, rendered with its models deleted and no MNIST: its files, its images,
 * and its numbers against the table's and the stored examples'.
 */
@Tag("slow")
class ReportTest {
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final Pattern CELL = Pattern.compile(
            "<td class=\"num\" data-model=\"([^\"]+)\" data-input=\"([^\"]+)\" data-value=\"([^\"]+)\">([^<]+)"
                    + "(?:<br><span class=\"ci\">([^<]+)</span>)?</td>");

    @TempDir
    static Path output;

    static SparkSession spark;
    static List<EvaluationRow> rows;
    static String html;
    static Path dir;

    @BeforeAll
    static void renderASmallRunWithoutItsModelsOrData() throws IOException {
        spark = TestData.spark();
        rows = EvaluationFixture.evaluate(spark, output, "report-run", TestData.trainedSmallCnn());
        deleteModels(output);
        org.apache.hadoop.fs.Path page = render(output);
        dir = output.resolve("report/report-run");
        assertEquals(
                dir.resolve("index.html").toString(),
                Path.of(page.toUri().getPath()).toString());
        html = Files.readString(dir.resolve("index.html"));
    }

    /** Renders report-run under {@code outputDir} with a data directory that does not exist. */
    private static org.apache.hadoop.fs.Path render(Path outputDir) {
        Settings settings = EvaluationFixture.settings(
                outputDir, "report-run", "lat.data.dir = \"" + outputDir.resolve("no-mnist-here") + "\"");
        return Report.render(spark, settings, SettingsLoader.paper());
    }

    /** Deletes every model file under {@code outputDir}, keeping their metadata. */
    private static void deleteModels(Path outputDir) throws IOException {
        for (Path model : modelFiles(outputDir)) {
            Files.delete(model);
        }
    }

    private static List<Path> modelFiles(Path outputDir) throws IOException {
        try (Stream<Path> files = Files.walk(outputDir.resolve("models"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".zip"))
                    .toList();
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aRunWithTwoSeedsShowsEachReplicateAsAModelOfItsOwnNeverMixed(@TempDir Path elsewhere) throws IOException {
        String replicates = String.join(
                "\n",
                "lat.train.models = [natural, standard]",
                "lat.train.seeds = [1, 2]",
                "lat.evaluate { methods = [pgd], epsilons = [0.3], pgd.steps = [2] }",
                "lat.data.dir = \"" + elsewhere.resolve("no-mnist-here") + "\"");
        Settings settings = EvaluationFixture.settings(elsewhere, "replicates", replicates);
        EvaluationFixture.evaluate(
                spark,
                EvaluationFixture.settings(
                        elsewhere, "replicates", replicates.substring(0, replicates.lastIndexOf('\n'))),
                TestData.trainedSmallCnn());
        Report.render(spark, settings, SettingsLoader.paper());
        String page = Files.readString(elsewhere.resolve("report/replicates/index.html"));

        Set<String> models = CELL.matcher(page).results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertEquals(Set.of("natural-seed1", "natural-seed2", "standard-seed1", "standard-seed2"), models);
        assertTrue(
                page.contains(
                        "<th>natural-seed1</th><th>natural-seed2</th><th>standard-seed1</th><th>standard-seed2</th>"),
                "provenance: a column per (kind, seed), in the paper's order, then by seed");
        assertTrue(page.contains("<td>training seed</td><td>1</td><td>2</td><td>1</td><td>2</td>"), "each its seed");
        assertFalse(page.contains("were crafted by an evaluation at"), "figure 1 matches the tables");
    }

    @Test
    void everyImageThePageShowsIsAPngBesideIt() throws IOException {
        Set<String> shown = IMAGE.matcher(html).results().map(m -> m.group(1)).collect(Collectors.toSet());
        // 3 matrices, a robustness curve per attack and method, 2 training curves, and 3 digits:
        // clean, and an image and a perturbation per attack
        assertEquals(3 + 4 * 2 + 2 + 3 * (1 + 2 * 4), shown.size(), shown.toString());
        for (String image : shown) {
            Path file = dir.resolve(image);
            assertTrue(Files.isRegularFile(file), image);
            assertTrue(ImageIO.read(file.toFile()).getWidth() > 100, image + " is a readable PNG");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(shown.size() + 3, files.count(), "the page, its images and the verdicts, nothing else");
        }
        try (Stream<Path> reports = Files.list(output.resolve("report"))) {
            assertEquals(
                    List.of("report-run"),
                    reports.map(p -> p.getFileName().toString()).toList(),
                    "no staging directory left");
        }
    }

    @Test
    void theNumbersOnThePageAreTheTables() {
        Map<String, EvaluationRow> byCell = new HashMap<>();
        EvaluationMatrix.headline(rows).forEach(row -> byCell.put(row.model() + "/" + row.attack(), row));
        assertEquals(10, byCell.size(), "the 5 x 5 tables show one slice of the grid");
        // from the per-digit outcomes: a digit bootstrap around each loss (as shown, natural x1000),
        // and with one seed Wilson over the digits for accuracy
        assertCells("loss", byCell, EvaluationRow::loss, EvaluationMatrix::paperScaledLoss, (row, interval) -> {
            assertNotNull(interval, "a loss interval");
            String[] ends = interval.replaceAll("[\\[\\]]", "").split(", ");
            double shown = EvaluationMatrix.paperScaledLoss(row);
            assertTrue(
                    Double.parseDouble(ends[0]) <= shown * 1.001 && shown <= Double.parseDouble(ends[1]) * 1.001,
                    interval + " around " + shown);
        });
        assertCells(
                "accuracy",
                byCell,
                EvaluationRow::accuracy,
                EvaluationRow::accuracy,
                (row, interval) -> assertEquals(
                        CellIntervals.format(Proportions.wilson(row.correct(), row.examples(), 0.95)), interval));
    }

    @Test
    void aRunWithoutPerDigitOutcomesGetsTheVerdictTableFirstSayingWhatItLacks() throws IOException {
        // as evaluated before lat kept per-digit outcomes: the copy has no evaluation-digits/
        Path copy = copyOfTheOutputs("no-per-digit");
        Settings settings = EvaluationFixture.settings(copy, "report-run");
        Report.render(spark, settings, SettingsLoader.paper());
        Path dir = copy.resolve("report/report-run");
        String html = Files.readString(dir.resolve("index.html"));
        List<String> sections = Pattern.compile("<h2>([^<]+)</h2>")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertEquals("The paper's findings on this run", sections.get(0), sections.toString());
        List<String> findings = Pattern.compile("<tr class=\"finding\" data-finding=\"([^\"]+)\">")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertEquals(PaperFindings.ALL.stream().map(Finding::id).toList(), findings);
        assertTrue(html.contains("<td class=\"num\">" + Verdicts.NEEDS_OUTCOMES + "</td>"), "says why");
        JsonNode verdicts =
                new ObjectMapper().readTree(dir.resolve(Report.VERDICTS_JSON).toFile());
        assertEquals(PaperFindings.ALL.size(), verdicts.get("findings").size());
        // the fixture's two models on 100 digits: only the accuracy comparisons, on the table's counts
        verdicts.get("findings")
                .forEach(finding -> finding.get("comparisons").forEach(comparison -> {
                    boolean accuracy =
                            comparison.get("comparison").get("metric").asText().equals("ACCURACY");
                    boolean tested = !comparison.get("verdict").asText().equals("not tested");
                    if (tested) {
                        assertTrue(accuracy, comparison.toString());
                        assertTrue(comparison.get("method").asText().contains("table's counts"), comparison.toString());
                    }
                    if (!accuracy) {
                        assertEquals(
                                Verdicts.NEEDS_OUTCOMES,
                                comparison.get("reason").asText());
                    }
                }));
        assertEquals(
                "not tested", verdicts.get("findings").get(2).get("verdict").asText(), "standard's loss");
        // on 100 digits the natural model is fooled by each attack (0.95 natural accuracy against at most
        // 0.06 under attack), but 0.04 under exact-mask cannot be told from 0.05 (Wilson up to 0.098)
        JsonNode fooled = verdicts.get("findings").get(0);
        for (int c = 0; c < 4; c++) {
            assertEquals(
                    "holds", fooled.get("comparisons").get(c).get("verdict").asText(), "attack " + c);
        }
        assertEquals(
                "undecided", fooled.get("comparisons").get(4).get("verdict").asText());
        assertEquals("undecided", fooled.get("verdict").asText());
        assertTrue(
                html.contains("<br><span class=\"ci\">" + Verdicts.WILSON + "</span>"), "the method under the effect");
        assertTrue(Files.readString(dir.resolve(Report.VERDICTS_TXT)).startsWith("the paper's findings on this run"));
    }

    @Test
    void withPerDigitOutcomesTheFindingsAreJudgedAndTheLossesGetIntervals() throws IOException {
        Path copy = copyOfTheOutputs("per-digit");
        Settings settings = EvaluationFixture.settings(copy, "report-run");
        Report.render(spark, settings, SettingsLoader.paper(), Optional.of(constructedOutcomes()));
        Path report = copy.resolve("report/report-run");
        JsonNode findings = new ObjectMapper()
                .readTree(report.resolve(Report.VERDICTS_JSON).toFile())
                .get("findings");
        Map<String, String> verdicts = new HashMap<>();
        findings.forEach(
                f -> verdicts.put(f.get("id").asText(), f.get("verdict").asText()));
        assertEquals("holds", verdicts.get("natural-model-fooled"));
        assertEquals("holds", verdicts.get("standard-costs-natural-accuracy"));
        // standard's comparison holds, the other three models are not in the run: not decided
        assertEquals("undecided", verdicts.get("adversarial-training-robust"));
        assertEquals("not tested", verdicts.get("localized-costs-less"));
        String page = Files.readString(report.resolve("index.html"));
        Matcher loss = Pattern.compile("<table class=\"matrix\" id=\"loss\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(loss.find());
        Matcher cells = CELL.matcher(loss.group(1));
        int withInterval = 0;
        while (cells.find()) {
            withInterval += cells.group(5) != null ? 1 : 0;
        }
        assertEquals(10, withInterval, "every loss of the 2 models x 5 inputs has its interval");
        assertTrue(Files.readString(report.resolve(Report.VERDICTS_TXT)).contains("HOLDS"));
    }

    /**
     * 200 digits per cell: the natural model right on every natural digit (loss about 0.01) and wrong
     * under every attack; the standard model right on 95% of natural digits (loss about 0.05) and 90%
     * under attack (loss about 0.3).
     */
    private static Outcomes constructedOutcomes() {
        List<CellOutcomes> cells = new ArrayList<>();
        List<String> attacks = List.of("standard", "background", "exact-mask", "broad-mask");
        for (String model : List.of("natural", "standard")) {
            boolean natural = model.equals("natural");
            cells.add(cell(model, "natural", i -> !natural && i % 20 == 0, natural ? 0.01 : 0.05));
            for (String attack : attacks) {
                cells.add(cell(model, attack, i -> natural || i % 10 == 0, natural ? 5 : 0.3));
            }
        }
        return Outcomes.of(cells);
    }

    private static CellOutcomes cell(String model, String input, IntPredicate wrong, double meanLoss) {
        boolean[] correct = new boolean[200];
        double[] loss = new double[200];
        for (int i = 0; i < 200; i++) {
            correct[i] = !wrong.test(i);
            loss[i] = meanLoss * (0.5 + (i % 11) / 10.0);
        }
        return new CellOutcomes(model, input, 1, correct, loss);
    }

    @Test
    void theRobustnessCurvesTableHoldsEveryAttackedRowAtTheMostStepsAndTheNaturalOnes() {
        Matcher table = Pattern.compile("<table class=\"curves\" id=\"curves-pgd\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(table.find());
        List<Double> shown = Pattern.compile("data-value=\"([^\"]+)\"")
                .matcher(table.group(1))
                .results()
                .map(m -> Double.parseDouble(m.group(1)))
                .toList();
        // per attack and model: natural, eps 0.1, eps 0.3 (5 steps)
        List<Double> expected = new java.util.ArrayList<>();
        for (String attack : List.of("standard", "background", "exact-mask", "broad-mask")) {
            for (String model : List.of("natural", "standard")) {
                expected.add(accuracy(model, "natural", 0, 0));
                expected.add(accuracy(model, attack, 0.1, 5));
                expected.add(accuracy(model, attack, 0.3, 5));
            }
        }
        assertEquals(expected, shown);
    }

    private static double accuracy(String model, String attack, double epsilon, int steps) {
        return rows.stream()
                .filter(row -> row.model().equals(model)
                        && row.attack().equals(attack)
                        && row.epsilon() == epsilon
                        && row.pgdSteps() == steps)
                .findFirst()
                .orElseThrow()
                .accuracy();
    }

    /** Each cell of the page's table {@code id}: its exact value and the number displayed, for every row. */
    private static void assertCells(
            String id,
            Map<String, EvaluationRow> byCell,
            ToDoubleFunction<EvaluationRow> exact,
            ToDoubleFunction<EvaluationRow> shown,
            BiConsumer<EvaluationRow, String> interval) {
        Matcher table = Pattern.compile("<table class=\"matrix\" id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(table.find(), id);
        Set<String> seen = new HashSet<>();
        Matcher cells = CELL.matcher(table.group(1));
        while (cells.find()) {
            String cell = cells.group(1) + "/" + cells.group(2);
            EvaluationRow row = byCell.get(cell);
            assertEquals(exact.applyAsDouble(row), Double.parseDouble(cells.group(3)), 0.0, id + " " + cell);
            assertEquals(HtmlPage.format(shown.applyAsDouble(row)), cells.group(4), id + " " + cell);
            interval.accept(row, cells.group(5));
            seen.add(cell);
        }
        assertEquals(byCell.keySet(), seen, id);
    }

    @Test
    void thePageShowsThePapersNumbersAndWhereTheRunDiffersFromThePaperFromWhatTheRunRecorded() {
        assertTrue(html.contains("<td class=\"num\">68.1896</td>"), "the paper's natural model under standard");
        assertTrue(html.contains(rows.get(0).modelSha256()), "the model checksum");
        Matcher table = Pattern.compile("<table class=\"settings\" id=\"differences\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(table.find());
        String differences = table.group(1);
        // from the models' metadata (the fixture records a small CNN trained at 0.2 with 7-step PGD) ...
        assertTrue(
                differences.contains("<tr class=\"differs\"><td>CNN widths (conv1 / conv2 / dense)</td>"
                        + "<td>32 / 64 / 1024</td><td>8 / 16 / 64</td>"),
                differences);
        assertTrue(differences.contains("<td>training epsilon</td><td>0.3</td><td>0.2</td>"), differences);
        assertTrue(
                differences.contains("<td>training PGD</td><td>40 steps of 0.01, random start</td>"
                        + "<td>7 steps of 0.05, random start</td>"),
                differences);
        // ... and from the table, not from the report command's configuration
        assertTrue(differences.contains("<td>evaluation epsilon</td><td>0.3</td><td>0.1, 0.3</td>"), differences);
        assertTrue(
                differences.contains("<td>evaluation PGD</td><td>100 steps of 0.01, random start</td>"
                        + "<td>2 steps of 0.1, random start, 5 steps of 0.1, random start</td>"),
                differences);
        assertTrue(
                differences.contains(
                        "<tr class=\"differs\"><td>evaluation method</td><td>pgd</td>" + "<td>apgd-ce, pgd</td>"),
                differences);
        assertTrue(html.contains("settings differ from the paper's"), "said plainly");
        assertTrue(html.contains("<td>ND4J backend</td><td>nd4j-native:"), "the evaluation's backend");
    }

    /** A real browser renders the page: headless Chromium's screenshot of it is a picture, not a blank. */
    @Test
    void headlessChromiumRendersThePage() throws Exception {
        Path screenshot = ReportScreenshot.take(dir.resolve("index.html"), Path.of("target", "report-screenshot.png"));
        var image = ImageIO.read(screenshot.toFile());
        assertEquals(ReportScreenshot.WIDTH, image.getWidth());
        long coloured = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                coloured += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        assertTrue(colours.size() > 100, "a page of charts and text has many colours: " + colours.size());
        assertTrue(coloured > image.getWidth() * image.getHeight() / 4 / 50, "more than 2% not white: " + coloured);
    }

    @Test
    void figureOneIsDrawnFromTheStoredExamplesWithoutTheModelsOrTheData() throws IOException {
        assertEquals(List.of(), modelFiles(output), "rendered with no model file left");
        assertFalse(Files.exists(output.resolve("no-mnist-here")), "nor any MNIST");
        AttackExamples.Figure figure =
                ExamplesFile.read(layout(output), new Configuration()).orElseThrow();
        assertEquals(AttackExamples.SHOWN, figure.digits().size());
        for (AttackExamples.Digit digit : figure.digits()) {
            String prefix = "digit-" + digit.index() + "-";
            assertArrayEquals(
                    Charts.digit("clean", digit.clean()),
                    Files.readAllBytes(dir.resolve(prefix + "clean.png")),
                    "the clean digit drawn from its stored pixels");
            assertTrue(
                    html.contains("test digit " + digit.index() + ", label " + digit.label()),
                    "digit " + digit.index());
            for (AttackExamples.Example example : digit.examples()) {
                assertArrayEquals(
                        Charts.digit(example.attack(), example.adversarial()),
                        Files.readAllBytes(dir.resolve(prefix + example.attack() + ".png")),
                        example.attack());
                assertTrue(
                        html.contains(String.format(
                                "predicted %d (p = %.2f)",
                                example.prediction().digit(),
                                example.prediction().probability())),
                        "the stored prediction under " + example.attack());
            }
        }
        assertFalse(html.contains("<p class=\"warning\">"), "no warning: the examples are the table's evaluation's");
    }

    @Test
    void aRunEvaluatedWithoutExamplesIsRenderedWithoutFigureOneAndSaysSo() throws IOException {
        Path copy = copyOfTheOutputs("no-examples");
        Files.delete(copy.resolve("examples/report-run/" + ExamplesFile.FILE));
        render(copy);
        String page = Files.readString(copy.resolve("report/report-run/index.html"));
        assertFalse(page.contains("<h2>Figure 1"), "no figure 1");
        assertTrue(page.contains("The run has no attack examples"), "says why");
        assertTrue(page.contains("<table class=\"matrix\" id=\"loss\">"), "the rest is there");
    }

    @Test
    void examplesOfAnotherEvaluationThanTheTablesAreShownWithAWarning() throws IOException {
        Path copy = copyOfTheOutputs("stale-examples");
        OutputLayout layout = layout(copy);
        Configuration conf = new Configuration();
        AttackExamples.Figure stored = ExamplesFile.read(layout, conf).orElseThrow();
        JsonFiles.write(
                ExamplesFile.path(layout),
                new AttackExamples.Figure(
                        stored.runId(),
                        stored.model(),
                        stored.modelSha256(),
                        "2001-01-01T00:00:00Z",
                        stored.candidates(),
                        stored.digits()),
                conf);
        render(copy);
        String page = Files.readString(copy.resolve("report/report-run/index.html"));
        assertTrue(page.contains("<h2>Figure 1"), "the figure is still shown");
        assertTrue(page.contains("were crafted by an evaluation at 2001-01-01T00:00:00Z"), "with a warning");
    }

    private static OutputLayout layout(Path outputDir) {
        return new OutputLayout(outputDir.toString(), "report-run");
    }

    /** A copy of the run's outputs (table, examples, metadata; no report), to change without touching the others. */
    private static Path copyOfTheOutputs(String name) throws IOException {
        Path copy = output.resolve("copies").resolve(name);
        for (String part : List.of("evaluation", "examples", "models")) {
            try (Stream<Path> files = Files.walk(output.resolve(part))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(output.relativize(file));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    @Test
    void aRunWithoutEvaluationIsADataError() {
        DataError error = assertThrows(
                DataError.class,
                () -> Report.render(
                        spark, EvaluationFixture.settings(output, "never-evaluated"), SettingsLoader.paper()));
        assertTrue(error.getMessage().contains("never-evaluated"), error.getMessage());
    }
}
