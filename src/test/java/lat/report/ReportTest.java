package lat.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lat.TestData;
import lat.config.Settings;
import lat.core.DataError;
import lat.evaluate.EvaluationFixture;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a small run: its files, its images, and its numbers against the table's. */
class ReportTest {
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final Pattern CELL = Pattern.compile(
            "<td class=\"num\" data-model=\"([^\"]+)\" data-input=\"([^\"]+)\" data-value=\"([^\"]+)\">([^<]+)</td>");

    @TempDir
    static Path output;
    static SparkSession spark;
    static List<EvaluationRow> rows;
    static String html;
    static Path dir;

    @BeforeAll
    static void renderASmallRun() throws IOException {
        spark = TestData.spark();
        rows = EvaluationFixture.evaluate(spark, output, "report-run", EvaluationFixture.untrainedCnn());
        Settings settings = EvaluationFixture.settings(output, "report-run");
        org.apache.hadoop.fs.Path page = Report.render(spark, settings);
        dir = output.resolve("report/report-run");
        assertEquals(dir.resolve("index.html").toString(), Path.of(page.toUri().getPath()).toString());
        html = Files.readString(dir.resolve("index.html"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void everyImageThePageShowsIsAPngBesideIt() throws IOException {
        Set<String> shown = IMAGE.matcher(html).results().map(m -> m.group(1)).collect(Collectors.toSet());
        // 3 matrices, the clean digit, and an image and a perturbation per attack
        assertEquals(3 + 1 + 2 * 4, shown.size(), shown.toString());
        for (String image : shown) {
            Path file = dir.resolve(image);
            assertTrue(Files.isRegularFile(file), image);
            assertTrue(ImageIO.read(file.toFile()).getWidth() > 100, image + " is a readable PNG");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(shown.size() + 1, files.count(), "the page and its images, nothing else");
        }
        try (Stream<Path> reports = Files.list(output.resolve("report"))) {
            assertEquals(List.of("report-run"), reports.map(p -> p.getFileName().toString()).toList(),
                    "no staging directory left");
        }
    }

    @Test
    void theNumbersOnThePageAreTheTables() {
        Map<String, EvaluationRow> byCell = new HashMap<>();
        rows.forEach(row -> byCell.put(row.model() + "/" + row.attack(), row));
        assertCells("loss", byCell, EvaluationRow::loss, EvaluationMatrix::paperScaledLoss);
        assertCells("accuracy", byCell, EvaluationRow::accuracy, EvaluationRow::accuracy);
    }

    /** Each cell of the page's table {@code id}: its exact value and the number displayed, for every row. */
    private static void assertCells(String id, Map<String, EvaluationRow> byCell, ToDoubleFunction<EvaluationRow> exact,
                                    ToDoubleFunction<EvaluationRow> shown) {
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
            seen.add(cell);
        }
        assertEquals(byCell.keySet(), seen, id);
    }

    @Test
    void thePageShowsThePapersNumbersAndTheSettings() {
        assertTrue(html.contains("<td class=\"num\">68.1896</td>"), "the paper's natural model under standard");
        assertTrue(html.contains("<td>lat.evaluate.pgd.step-size</td><td>0.1</td>"), "the configuration");
        assertTrue(html.contains(rows.get(0).modelSha256()), "the model checksum");
    }

    @Test
    void aRunWithoutEvaluationIsADataError() {
        DataError error = assertThrows(DataError.class,
                () -> Report.render(spark, EvaluationFixture.settings(output, "never-evaluated")));
        assertTrue(error.getMessage().contains("never-evaluated"), error.getMessage());
    }
}
