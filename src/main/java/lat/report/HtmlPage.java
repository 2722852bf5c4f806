package lat.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import lat.config.ModelSettings;
import lat.config.PgdSettings;
import lat.core.Dataset;
import lat.evaluate.AttackExamples;
import lat.evaluate.Cell;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.evaluate.RobustnessCurves;
import lat.findings.Verdict;
import lat.findings.Verdicts;
import lat.io.records.TrainingMetadata;
import lat.stats.Interval;

/**
 * The report's HTML page: plain HTML and CSS, no scripts, images beside it. Every number shown
 * from the evaluation table carries its exact value in a {@code data-value} attribute, so tools
 * (and the tests) can check the page against the table.
 */
final class HtmlPage {
    static final String LOSS_PNG = "loss.png";
    static final String PAPER_LOSS_PNG = "loss-paper.png";
    static final String ACCURACY_PNG = "accuracy.png";
    static final String TRAINING_LOSS_PNG = "training-loss.png";
    static final String TRAINING_ACCURACY_PNG = "training-accuracy.png";

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
            tr.differs td { background: #fff3cd; } tr.differs td.flag { color: #a00; font-weight: bold; }
            #training-provenance td { max-width: 16em; overflow-wrap: anywhere; }
            span.ci { color: #555; font-size: 0.8em; }
            td.holds { background: #d4edda; } td.fails { background: #f8d7da; }
            td.undecided { background: #fff3cd; } td.not-tested { color: #777; }
            #verdicts td { vertical-align: top; } #verdicts tr.comparison td { font-size: 0.9em; border-top: none; }
            """;

    /** A provenance row: its label and the value each model's metadata.json records for it. */
    private record Field(String label, Recorded value) {}

    /** The provenance rows of each model. */
    private static final List<Field> TRAINING_FIELDS = List.of(
            new Field("code version", Recorded.in(TrainingMetadata::versions, TrainingMetadata.Versions::lat)),
            new Field("ND4J backend", Recorded.in(TrainingMetadata::versions, TrainingMetadata.Versions::nd4jBackend)),
            new Field("ND4J", Recorded.in(TrainingMetadata::versions, TrainingMetadata.Versions::nd4j)),
            new Field("Spark", Recorded.in(TrainingMetadata::versions, TrainingMetadata.Versions::spark)),
            new Field("Java", Recorded.in(TrainingMetadata::versions, TrainingMetadata.Versions::java)),
            new Field("trained at", TrainingMetadata::createdAt),
            new Field("training attack", TrainingMetadata::trainingAttack),
            new Field("epsilon", Recorded.in(TrainingMetadata::attack, TrainingMetadata.Attack::epsilon)),
            new Field(
                    "epsilon ramp (steps)",
                    Recorded.in(TrainingMetadata::training, TrainingMetadata.Training::epsilonRampSteps)),
            new Field("PGD steps", Recorded.in(TrainingMetadata::pgd, PgdSettings::steps)),
            new Field("PGD step size", Recorded.in(TrainingMetadata::pgd, PgdSettings::stepSize)),
            new Field("PGD random start", Recorded.in(TrainingMetadata::pgd, PgdSettings::randomStart)),
            new Field("conv1 channels", Recorded.cnn(ModelSettings::conv1Channels)),
            new Field("conv2 channels", Recorded.cnn(ModelSettings::conv2Channels)),
            new Field("dense units", Recorded.cnn(ModelSettings::denseUnits)),
            new Field("training digits", Recorded.in(TrainingMetadata::data, TrainingMetadata.Data::trainExamples)),
            new Field("steps", TrainingMetadata::steps),
            new Field("minibatch", Recorded.in(TrainingMetadata::training, TrainingMetadata.Training::batchSize)),
            new Field(
                    "learning rate", Recorded.in(TrainingMetadata::training, TrainingMetadata.Training::learningRate)),
            new Field("training seed", TrainingMetadata::trainSeed),
            new Field("shards", TrainingMetadata::shards),
            new Field("resumed from step", TrainingMetadata::resumedFromStep),
            new Field("wall time (s)", TrainingMetadata::wallSeconds),
            new Field("examples/s", TrainingMetadata::examplesPerSecond),
            new Field("clean training accuracy", TrainingMetadata::trainAccuracy),
            new Field(
                    "training images SHA-256",
                    Recorded.in(TrainingMetadata::data, TrainingMetadata.Data::imagesSha256)),
            new Field("standstill guard", TrainingMetadata::standstillGuard));

    /** What the masks, defined for digits, mean on clothing (docs/notes/2026-12-03-fashion-mnist.md). */
    private static final String FASHION_MASKS = "<p class=\"note\" id=\"fashion-masks\">The masks were made for "
            + "digits. On clothing, the &quot;digit&quot; is the garment: every pixel above the digit threshold, on "
            + "average 392 of the 784 pixels of a Fashion-MNIST test image (151 for an MNIST digit), so the exact-mask "
            + "attack may change the other 392 and the broad-mask attack, which also spares the garment's "
            + "8-neighbourhood, 271: both perturb the black frame around a large object. The background attack spares "
            + "only the central 6 x 6 block, which a garment covers a small part of: it may change 92% of the "
            + "garment's pixels (86% of a digit's on MNIST), so on clothing it is close to the standard attack and "
            + "does not leave the object alone (docs/notes/2026-12-03-fashion-mnist.md).</p>\n";

    private final StringBuilder html = new StringBuilder();
    /** The dataset the rows were evaluated on: the title, and the names of the labels in Figure 1. */
    private final Dataset dataset;

    private HtmlPage(Dataset dataset) {
        this.dataset = dataset;
    }

    /** The images of one digit of figure 1: file names by attack, and the clean digit's. */
    record DigitFiles(String clean, Map<String, String> adversarial, Map<String, String> perturbation) {}

    /**
     * The page of run {@code runId}.
     *
     * @param verdicts      the paper's findings judged on the run, shown first
     * @param budget        what the verdicts rest on (digits, seeds, attacks, intervals)
     * @param intervals     the interval of each cell's accuracy and loss
     * @param curveFiles    the robustness-curve charts by "method/attack"
     * @param trainingFiles the training-curve charts (none when no model recorded a curve)
     * @param figure        the examples the evaluation stored, if any; {@code digitFiles} their images
     * @param warnings      shown at the top (e.g. examples stored by another evaluation than the table's)
     * @param metadata      each model's metadata.json, by model
     * @param differences   the run's settings beside the paper's
     * @param paperEvaluation how the paper evaluated (Figure 2's attack), e.g. "pgd, epsilon 0.3, 100 steps"
     */
    static String render(
            String runId,
            List<Verdicts.FindingVerdict> verdicts,
            String budget,
            EvaluationMatrix matrix,
            CellIntervals intervals,
            List<EvaluationRow> rows,
            List<RobustnessCurves> curves,
            Map<String, String> curveFiles,
            List<String> trainingFiles,
            Optional<AttackExamples.Figure> figure,
            List<DigitFiles> digitFiles,
            List<String> warnings,
            Map<String, TrainingMetadata> metadata,
            List<PaperDifferences.Setting> differences,
            String paperEvaluation) {
        // Tables written before lat knew Fashion-MNIST name MNIST's test set too.
        Dataset dataset = Dataset.ofTestSet(rows.get(0).dataset()).orElse(Dataset.MNIST);
        HtmlPage page = new HtmlPage(dataset);
        page.open(runId, rows, warnings);
        page.verdictsSection(verdicts, budget);
        page.differencesSection(differences);
        page.lossSection(matrix, intervals, paperEvaluation);
        page.accuracySection(matrix, intervals);
        page.curvesSection(curves, intervals, curveFiles);
        page.trainingSection(trainingFiles);
        figure.ifPresent(examples -> page.figureOneSection(examples, digitFiles));
        page.provenanceSection(rows, metadata);
        page.rowsSection(rows);
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private void open(String runId, List<EvaluationRow> rows, List<String> warnings) {
        EvaluationRow first = rows.get(0);
        Instant created = rows.stream()
                .map(EvaluationRow::createdAt)
                .max(Instant::compareTo)
                .orElseThrow();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>lat report: run ")
                .append(escape(runId))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>Localized adversarial training on ")
                .append(escape(dataset.title()))
                .append(": run <code>")
                .append(escape(runId))
                .append("</code></h1>\n");
        html.append("<p class=\"note\">Rothberg, Chen, Ji, <i>Towards Better Accuracy and Robustness with Localized "
                        + "Adversarial Training</i>, reproduced by lat. Each model is evaluated on the first ")
                .append(first.examples())
                .append(" images of ")
                .append(escape(first.dataset()))
                .append(", clean (natural) and under each attack, crafted against that same model (white box). ")
                .append("Evaluated ")
                .append(created)
                .append(", run seed ")
                .append(first.seed())
                .append(".</p>\n");
        if (dataset == Dataset.FASHION_MNIST) {
            html.append(FASHION_MASKS);
        }
        for (String warning : warnings) {
            html.append("<p class=\"warning\">").append(escape(warning)).append("</p>\n");
        }
    }

    private void verdictsSection(List<Verdicts.FindingVerdict> verdicts, String budget) {
        html.append("<h2>The paper's findings on this run</h2>\n<p class=\"note\">Each finding as lat records the "
                        + "paper's claim, how lat tests it, and the verdict on this run (")
                .append(escape(budget))
                .append("): <b>holds</b> when each comparison's interval lies on the claimed side of its margin, "
                        + "<b>fails</b> when one lies on the other side, <b>undecided</b> when it covers the margin. "
                        + "Intervals: a percentile bootstrap over training seeds and digits, the same digits for every "
                        + "model (paired); without per-digit outcomes, accuracies from the table's counts (Wilson, "
                        + "Newcombe's unpaired interval for a difference) and no loss verdict. The paper's effect is "
                        + "from its Figure 2 (losses only).</p>\n");
        html.append("<table id=\"verdicts\">\n<tr><th>finding</th><th>the paper</th><th>how lat tests it</th>"
                + "<th>effect [95% interval]</th><th>the paper's effect</th><th>verdict</th></tr>\n");
        for (Verdicts.FindingVerdict verdict : verdicts) {
            var finding = verdict.finding();
            html.append("<tr class=\"finding\" data-finding=\"")
                    .append(escape(finding.id()))
                    .append("\"><td><b>")
                    .append(escape(finding.id()))
                    .append("</b></td><td>")
                    .append(escape(finding.claim()))
                    .append("<br><i>")
                    .append(escape(finding.source()))
                    .append("</i>")
                    .append(finding.note() == null ? "" : "<br>" + escape(finding.note()))
                    .append("</td><td colspan=\"3\">")
                    .append(escape(finding.test()))
                    .append("</td>");
            verdictCell(verdict.verdict());
            html.append("</tr>\n");
            for (Verdicts.Judged judged : verdict.comparisons()) {
                html.append("<tr class=\"comparison\"><td></td><td></td><td><code>")
                        .append(escape(judged.comparison().describe()))
                        .append("</code></td><td class=\"num\">")
                        .append(
                                judged.effect() == null
                                        ? escape(judged.reason())
                                        : judged.effect().format(4) + "<br><span class=\"ci\">"
                                                + escape(judged.method()) + "</span>")
                        .append("</td><td class=\"num\">")
                        .append(judged.paperInside()
                                .map(inside ->
                                        String.format("%.4f", judged.paperEffect()) + (inside ? " inside" : " outside"))
                                .orElse(""))
                        .append("</td>");
                verdictCell(judged.verdict());
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private void verdictCell(Verdict verdict) {
        html.append("<td class=\"")
                .append(verdict.label().replace(' ', '-'))
                .append("\">")
                .append(verdict.label())
                .append("</td>");
    }

    private void differencesSection(List<PaperDifferences.Setting> settings) {
        long differing =
                settings.stream().filter(PaperDifferences.Setting::differs).count();
        html.append("<h2>Differences from the paper</h2>\n<p class=\"note\"><b>")
                .append(
                        differing == 0
                                ? "This run used the paper's settings."
                                : differing + " of " + settings.size()
                                        + " settings differ from the paper's (highlighted): "
                                        + "this run's numbers are not a replication of the paper's; compare its findings, not its "
                                        + "numbers.")
                .append("</b> The run's values are as recorded in each model's metadata.json (training) and in the "
                        + "evaluation table (evaluation), all distinct values where models or rows differ.</p>\n");
        html.append("<table class=\"settings\" id=\"differences\">\n<tr><th>setting</th><th>the paper</th>"
                + "<th>this run</th><th></th></tr>\n");
        for (PaperDifferences.Setting setting : settings) {
            html.append(setting.differs() ? "<tr class=\"differs\">" : "<tr>")
                    .append("<td>")
                    .append(escape(setting.name()))
                    .append("</td><td>")
                    .append(escape(setting.paper()))
                    .append("</td><td>")
                    .append(escape(setting.run()))
                    .append("</td><td class=\"flag\">")
                    .append(setting.differs() ? "differs" : "same")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void lossSection(EvaluationMatrix matrix, CellIntervals intervals, String paperEvaluation) {
        html.append("<h2>Figure 2: cross-entropy loss</h2>\n<p class=\"note\">Mean cross-entropy (natural log) per "
                        + "digit; models down, inputs across; attacks: ")
                .append(escape(matrix.slice()))
                .append(" (of the evaluation grid, the slice nearest the models' training epsilon). As in the paper, "
                        + "the loss on natural inputs is multiplied by 1000. The paper's numbers (")
                .append(escape(paperEvaluation))
                .append(") are on the right for comparison. Colours are scaled per "
                        + "column. Under each number its 95% interval when the run has per-digit outcomes (a bootstrap "
                        + "over digits, or a t interval over training seeds).</p>\n<div class=\"pair\">\n");
        html.append("<figure><figcaption>This run</figcaption>\n");
        matrixTable(
                "loss",
                " (x1000)",
                matrix,
                EvaluationMatrix::paperScaledLoss,
                EvaluationRow::loss,
                intervals::paperScaledLoss);
        image(LOSS_PNG, "heat map of this run's loss");
        html.append("</figure>\n<figure><figcaption>The paper (Figure 2)</figcaption>\n");
        paperTable();
        image(PAPER_LOSS_PNG, "heat map of the paper's loss");
        html.append("</figure>\n</div>\n");
    }

    private void accuracySection(EvaluationMatrix matrix, CellIntervals intervals) {
        html.append("<h2>Accuracy</h2>\n<p class=\"note\">Fraction of digits classified correctly; attacks: ")
                .append(escape(matrix.slice()))
                .append(". Under each number its 95% interval: Wilson over the digits, or a t interval over "
                        + "training seeds. The paper reports losses only.</p>\n<figure>\n");
        matrixTable("accuracy", "", matrix, EvaluationRow::accuracy, EvaluationRow::accuracy, intervals::accuracy);
        image(ACCURACY_PNG, "heat map of this run's accuracy");
        html.append("</figure>\n");
    }

    /**
     * A models x inputs table of one measure.
     *
     * @param shown    the number displayed (rounded); {@code exact} goes into {@code data-value}
     * @param interval the interval of the number displayed, on a second line where there is one
     */
    private void matrixTable(
            String id,
            String naturalNote,
            EvaluationMatrix matrix,
            ToDoubleFunction<EvaluationRow> shown,
            ToDoubleFunction<EvaluationRow> exact,
            Function<EvaluationRow, Optional<Interval>> interval) {
        html.append("<table class=\"matrix\" id=\"").append(id).append("\">\n");
        header(matrix.inputs(), naturalNote);
        for (String model : matrix.models()) {
            html.append("<tr><th>").append(escape(model)).append("</th>");
            for (String input : matrix.inputs()) {
                matrix.cell(model, input)
                        .ifPresentOrElse(
                                row -> html.append("<td class=\"num\" data-model=\"")
                                        .append(escape(model))
                                        .append("\" data-input=\"")
                                        .append(escape(input))
                                        .append("\" data-value=\"")
                                        .append(exact.applyAsDouble(row))
                                        .append("\">")
                                        .append(format(shown.applyAsDouble(row)))
                                        .append(interval(interval.apply(row)))
                                        .append("</td>"),
                                () -> html.append("<td></td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** An interval's second line in a table cell; nothing without one. */
    private static String interval(Optional<Interval> interval) {
        return interval.map(i -> "<br><span class=\"ci\">" + CellIntervals.format(i) + "</span>")
                .orElse("");
    }

    private void paperTable() {
        html.append("<table class=\"matrix paper\" id=\"paper-loss\">\n");
        header(PaperNumbers.INPUTS, " (x1000)");
        for (String model : PaperNumbers.MODELS) {
            html.append("<tr><th>").append(model).append("</th>");
            for (String input : PaperNumbers.INPUTS) {
                html.append("<td class=\"num\">")
                        .append(PaperNumbers.loss(model, input))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The column headers; {@code naturalNote} follows the natural column's name. */
    private void header(List<String> inputs, String naturalNote) {
        html.append("<tr><th>model \\ input</th>");
        inputs.forEach(input -> html.append("<th>")
                .append(escape(input))
                .append(Cell.NATURAL.equals(input) ? naturalNote : "")
                .append("</th>"));
        html.append("</tr>\n");
    }

    private void curvesSection(List<RobustnessCurves> curves, CellIntervals intervals, Map<String, String> files) {
        html.append("<h2>Robustness curves</h2>\n<p class=\"note\">Accuracy against the attack's epsilon, one chart "
                + "per attack and method, one line per model; epsilon 0 is natural inputs. Error bars and the "
                + "tables' second lines: Wilson 95% intervals over the digits (the bars show the larger side).</p>\n");
        for (RobustnessCurves method : curves) {
            html.append("<h3>")
                    .append(escape(method.method()))
                    .append(", ")
                    .append(method.steps())
                    .append(" steps</h3>\n<div class=\"pair\">\n");
            for (String attack : method.attacks()) {
                image(files.get(method.method() + "/" + attack), method.method() + " " + attack + " robustness curve");
            }
            html.append("</div>\n<table class=\"curves\" id=\"curves-")
                    .append(escape(method.method()))
                    .append("\">\n<tr><th>attack</th><th>model</th>");
            method.epsilons().forEach(eps -> html.append("<th>eps ").append(eps).append("</th>"));
            html.append("</tr>\n");
            for (String attack : method.attacks()) {
                for (String model : method.models()) {
                    html.append("<tr><td>")
                            .append(escape(attack))
                            .append("</td><td>")
                            .append(escape(model))
                            .append("</td>");
                    for (double eps : method.epsilons()) {
                        method.row(model, attack, eps)
                                .ifPresentOrElse(
                                        row -> html.append("<td class=\"num\" " + "data-value=\"")
                                                .append(row.accuracy())
                                                .append("\">")
                                                .append(format(row.accuracy()))
                                                .append(interval(Optional.of(intervals.wilson(row))))
                                                .append("</td>"),
                                        () -> html.append("<td></td>"));
                    }
                    html.append("</tr>\n");
                }
            }
            html.append("</table>\n");
        }
    }

    private void trainingSection(List<String> files) {
        html.append("<h2>Training curves</h2>\n");
        if (files.isEmpty()) {
            html.append("<p class=\"note\">No model of this run recorded a training curve (models trained before lat "
                    + "recorded them).</p>\n");
            return;
        }
        html.append("<p class=\"note\">At each checkpoint, as recorded in each model's metadata.json (resumed "
                + "trainings included): the mean minibatch loss of the chunk that ended there, on the examples "
                + "trained on (adversarial ones for the attacked models), and the accuracy on the first 1,000 clean "
                + "training digits.</p>\n<div class=\"pair\">\n");
        files.forEach(file -> image(file, "training curve"));
        html.append("</div>\n");
    }

    private void figureOneSection(AttackExamples.Figure figure, List<DigitFiles> files) {
        html.append("<h2>Figure 1: digits under the four attacks</h2>\n<p class=\"note\">Attacked by the evaluation "
                        + "against the run's <b>")
                .append(escape(figure.model()))
                .append("</b> model with the settings of the tables above; of the first ")
                .append(figure.candidates())
                .append(
                        " test digits, the ones it classifies correctly that the most "
                                + "attacks fool. Under each image: the model's prediction (red when the attack fooled it). "
                                + "Below each digit: the perturbation (adversarial minus clean), blue where pixels got darker, "
                                + "red where they got brighter, white where they did not change; full colour is epsilon.</p>\n");
        html.append("<table class=\"digits\">\n");
        for (int d = 0; d < figure.digits().size(); d++) {
            AttackExamples.Digit digit = figure.digits().get(d);
            DigitFiles digitFiles = files.get(d);
            html.append("<tr><td>");
            image(digitFiles.clean(), "test digit " + digit.index());
            html.append("<br>test digit ")
                    .append(digit.index())
                    .append(", label ")
                    .append(escape(dataset.className(digit.label())))
                    .append("<br>")
                    .append(prediction(digit.prediction(), digit.label()))
                    .append("</td>");
            for (AttackExamples.Example example : digit.examples()) {
                html.append("<td>");
                image(digitFiles.adversarial().get(example.attack()), example.attack() + " attack");
                html.append("<br>")
                        .append(escape(example.attack()))
                        .append(", eps ")
                        .append(example.epsilon())
                        .append("<br>")
                        .append(prediction(example.prediction(), digit.label()))
                        .append("</td>");
            }
            html.append("</tr>\n<tr><td></td>");
            for (AttackExamples.Example example : digit.examples()) {
                html.append("<td>");
                image(digitFiles.perturbation().get(example.attack()), example.attack() + " perturbation");
                html.append("<br>perturbation</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** "predicted 3 (p = 0.97)", "predicted Trouser (p = 0.97)", in red when it is not {@code label}. */
    private String prediction(AttackExamples.Prediction prediction, int label) {
        String text = String.format(
                Locale.ROOT,
                "predicted %s (p = %.2f)",
                escape(dataset.className(prediction.digit())),
                prediction.probability());
        return prediction.digit() == label ? text : "<span class=\"warning\">" + text + "</span>";
    }

    private void provenanceSection(List<EvaluationRow> rows, Map<String, TrainingMetadata> metadata) {
        html.append("<h2>Provenance</h2>\n<h3>How each model was trained (its metadata.json)</h3>\n"
                + "<table class=\"settings\" id=\"training-provenance\">\n<tr><th></th>");
        metadata.keySet()
                .forEach(model -> html.append("<th>").append(escape(model)).append("</th>"));
        html.append("</tr>\n");
        for (Field field : TRAINING_FIELDS) {
            html.append("<tr><td>").append(field.label()).append("</td>");
            for (TrainingMetadata model : metadata.values()) {
                Object value = field.value().apply(model);
                html.append("<td>")
                        .append(value == null ? "-" : escape(String.valueOf(value)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<h3>What evaluated them (the evaluation table)</h3>\n<table class=\"settings\">\n");
        Map<String, String> evaluation = new LinkedHashMap<>();
        evaluation.put("code version", distinct(rows, EvaluationRow::codeVersion));
        evaluation.put("ND4J backend", distinct(rows, EvaluationRow::nd4jBackend));
        evaluation.put("evaluated at", distinct(rows, row -> row.createdAt().toString()));
        evaluation.put(
                "executor seconds, all cells",
                String.format(
                        "%.1f",
                        rows.stream().mapToDouble(EvaluationRow::durationS).sum()));
        evaluation.put("test images SHA-256", distinct(rows, EvaluationRow::dataSha256));
        evaluation.forEach((key, value) -> html.append("<tr><td>")
                .append(key)
                .append("</td><td>")
                .append(escape(value))
                .append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private static String distinct(List<EvaluationRow> rows, Function<EvaluationRow, String> value) {
        return rows.stream().map(value).distinct().collect(Collectors.joining(", "));
    }

    private void rowsSection(List<EvaluationRow> rows) {
        html.append("<h2>Every row of the run</h2>\n<table class=\"settings\" id=\"rows\">\n<tr><th>model</th>"
                + "<th>train seed</th><th>input</th><th>method</th><th>epsilon</th><th>steps</th><th>step size</th><th>random start</th>"
                + "<th>examples</th><th>loss</th><th>accuracy</th><th>seconds</th><th>model SHA-256</th></tr>\n");
        for (EvaluationRow row : rows) {
            html.append("<tr>");
            for (Object value : new Object[] {
                row.model(),
                row.trainSeed(),
                row.attack(),
                row.method(),
                row.epsilon(),
                row.pgdSteps(),
                row.stepSize(),
                row.randomStart(),
                row.examples(),
                format(row.loss()),
                format(row.accuracy()),
                String.format("%.1f", row.durationS()),
                row.modelSha256()
            }) {
                html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Natural inputs are recorded with method none, epsilon 0 and 0 "
                + "steps.</p>\n");
    }

    private void image(String file, String alt) {
        html.append("<img src=\"")
                .append(escape(file))
                .append("\" alt=\"")
                .append(escape(alt))
                .append("\">");
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
