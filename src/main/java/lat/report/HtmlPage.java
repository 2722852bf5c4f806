package lat.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import lat.evaluate.Cell;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;

/**
 * The report's HTML page: plain HTML and CSS, no scripts, images beside it. Every number shown
 * from the evaluation table carries its exact value in a {@code data-value} attribute, so tools
 * (and the tests) can check the page against the table.
 */
final class HtmlPage {
    static final String LOSS_PNG = "loss.png";
    static final String PAPER_LOSS_PNG = "loss-paper.png";
    static final String ACCURACY_PNG = "accuracy.png";

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; padding: 0 1.5em; max-width: 1400px; color: #222; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .pair { display: flex; flex-wrap: wrap; gap: 2em; }
            figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
            table.digits td { border: none; text-align: center; font-size: 0.9em; vertical-align: top; }
            .note { color: #555; font-size: 0.95em; max-width: 60em; }
            .warning { color: #a00; font-weight: bold; }
            table.settings td { font-family: monospace; font-size: 0.9em; }
            """;

    private final StringBuilder html = new StringBuilder();

    /** The figure 1 images: file names by attack, and the clean digit's. */
    record DigitFiles(String clean, Map<String, String> adversarial, Map<String, String> perturbation) {
    }

    /**
     * The page of run {@code runId}.
     *
     * @param warnings   shown at the top (e.g. a model that changed since it was evaluated)
     * @param configured the configuration the report was made with, flattened
     */
    static String render(String runId, EvaluationMatrix matrix, List<EvaluationRow> rows,
                         AttackExamples.Figure figure, DigitFiles digitFiles, List<String> warnings,
                         Map<String, String> configured) {
        HtmlPage page = new HtmlPage();
        page.open(runId, rows, warnings);
        page.lossSection(matrix);
        page.accuracySection(matrix);
        page.figureOneSection(figure, digitFiles);
        page.settingsSection(rows, configured);
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private void open(String runId, List<EvaluationRow> rows, List<String> warnings) {
        EvaluationRow first = rows.get(0);
        Instant created = rows.stream().map(EvaluationRow::createdAt).max(Instant::compareTo).orElseThrow();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>lat report: run ")
                .append(escape(runId)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Localized adversarial training: run <code>").append(escape(runId)).append("</code></h1>\n");
        html.append("<p class=\"note\">Rothberg, Chen, Ji, <i>Towards Better Accuracy and Robustness with Localized "
                + "Adversarial Training</i>, reproduced by lat. Each model is evaluated on the first ")
                .append(first.examples()).append(" digits of ").append(escape(first.dataset()))
                .append(", clean (natural) and under each attack, crafted by PGD against that same model (white box). ")
                .append("Evaluated ").append(created).append(", run seed ").append(first.seed()).append(".</p>\n");
        for (String warning : warnings) {
            html.append("<p class=\"warning\">").append(escape(warning)).append("</p>\n");
        }
    }

    private void lossSection(EvaluationMatrix matrix) {
        html.append("<h2>Figure 2: cross-entropy loss</h2>\n<p class=\"note\">Mean cross-entropy (natural log) per "
                + "digit; models down, inputs across. As in the paper, the loss on natural inputs is multiplied by "
                + "1000. The paper's numbers are on the right for comparison.</p>\n<div class=\"pair\">\n");
        html.append("<figure><figcaption>This run</figcaption>\n");
        matrixTable("loss", " (x1000)", matrix, EvaluationMatrix::paperScaledLoss, EvaluationRow::loss);
        image(LOSS_PNG, "heat map of this run's loss");
        html.append("</figure>\n<figure><figcaption>The paper (Figure 2)</figcaption>\n");
        paperTable();
        image(PAPER_LOSS_PNG, "heat map of the paper's loss");
        html.append("</figure>\n</div>\n");
    }

    private void accuracySection(EvaluationMatrix matrix) {
        html.append("<h2>Accuracy</h2>\n<p class=\"note\">Fraction of digits classified correctly. The paper reports "
                + "losses only.</p>\n<figure>\n");
        matrixTable("accuracy", "", matrix, EvaluationRow::accuracy, EvaluationRow::accuracy);
        image(ACCURACY_PNG, "heat map of this run's accuracy");
        html.append("</figure>\n");
    }

    /**
     * A models x inputs table of one measure.
     *
     * @param shown the number displayed (rounded); {@code exact} goes into {@code data-value}
     */
    private void matrixTable(String id, String naturalNote, EvaluationMatrix matrix,
                             ToDoubleFunction<EvaluationRow> shown, ToDoubleFunction<EvaluationRow> exact) {
        html.append("<table class=\"matrix\" id=\"").append(id).append("\">\n");
        header(matrix.inputs(), naturalNote);
        for (String model : matrix.models()) {
            html.append("<tr><th>").append(escape(model)).append("</th>");
            for (String input : matrix.inputs()) {
                matrix.cell(model, input).ifPresentOrElse(row -> html.append("<td class=\"num\" data-model=\"")
                        .append(escape(model)).append("\" data-input=\"").append(escape(input))
                        .append("\" data-value=\"").append(exact.applyAsDouble(row)).append("\">")
                        .append(format(shown.applyAsDouble(row))).append("</td>"),
                        () -> html.append("<td></td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void paperTable() {
        html.append("<table class=\"matrix paper\" id=\"paper-loss\">\n");
        header(PaperNumbers.INPUTS, " (x1000)");
        for (String model : PaperNumbers.MODELS) {
            html.append("<tr><th>").append(model).append("</th>");
            for (String input : PaperNumbers.INPUTS) {
                html.append("<td class=\"num\">").append(PaperNumbers.loss(model, input)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The column headers; {@code naturalNote} follows the natural column's name. */
    private void header(List<String> inputs, String naturalNote) {
        html.append("<tr><th>model \\ input</th>");
        inputs.forEach(input -> html.append("<th>").append(escape(input))
                .append(Cell.NATURAL.equals(input) ? naturalNote : "").append("</th>"));
        html.append("</tr>\n");
    }

    private void figureOneSection(AttackExamples.Figure figure, DigitFiles files) {
        html.append("<h2>Figure 1: one digit under the four attacks</h2>\n<p class=\"note\">The first test digit, "
                + "attacked by PGD against the run's <b>").append(escape(figure.model()))
                .append("</b> model with each attack's settings from the table. Top: the images and the model's "
                        + "prediction; bottom: the perturbation (adversarial minus clean), blue where pixels got darker, "
                        + "red where they got brighter, white where they did not change; full colour is epsilon.</p>\n");
        html.append("<table class=\"digits\">\n<tr><td>");
        image(files.clean(), "the clean digit");
        html.append("<br>clean, label ").append(figure.label()).append("<br>").append(prediction(figure.prediction()))
                .append("</td>");
        for (AttackExamples.Example example : figure.examples()) {
            html.append("<td>");
            image(files.adversarial().get(example.attack()), example.attack() + " attack");
            html.append("<br>").append(escape(example.attack())).append(", eps ").append(example.epsilon())
                    .append("<br>").append(prediction(example.prediction())).append("</td>");
        }
        html.append("</tr>\n<tr><td></td>");
        for (AttackExamples.Example example : figure.examples()) {
            html.append("<td>");
            image(files.perturbation().get(example.attack()), example.attack() + " perturbation");
            html.append("<br>perturbation</td>");
        }
        html.append("</tr>\n</table>\n");
    }

    private static String prediction(AttackExamples.Prediction prediction) {
        return String.format("predicted %d (p = %.2f)", prediction.digit(), prediction.probability());
    }

    private void settingsSection(List<EvaluationRow> rows, Map<String, String> configured) {
        html.append("<h2>Settings</h2>\n<h3>Recorded with the numbers (evaluation table)</h3>\n");
        html.append("<table class=\"settings\">\n<tr><th>model</th><th>input</th><th>epsilon</th><th>PGD steps</th>"
                + "<th>step size</th><th>random start</th><th>examples</th><th>seed</th><th>seconds</th>"
                + "<th>model SHA-256</th></tr>\n");
        for (EvaluationRow row : rows) {
            html.append("<tr>");
            for (Object value : new Object[] {row.model(), row.attack(), row.epsilon(), row.pgdSteps(), row.stepSize(),
                row.randomStart(), row.examples(), row.seed(), String.format("%.1f", row.durationS()),
                row.modelSha256()}) {
                html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Natural inputs are recorded with epsilon 0 and 0 PGD steps. "
                        + "Test images SHA-256: <code>").append(escape(rows.get(0).dataSha256()))
                .append("</code></p>\n<h3>Configuration this report was made with</h3>\n<table class=\"settings\">\n");
        new TreeMap<>(configured).forEach((key, value) -> html.append("<tr><td>").append(escape(key))
                .append("</td><td>").append(escape(value)).append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private void image(String file, String alt) {
        html.append("<img src=\"").append(escape(file)).append("\" alt=\"").append(escape(alt)).append("\">");
    }

    /** How every number of the table is displayed. */
    static String format(double value) {
        return String.format("%.4f", value);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
