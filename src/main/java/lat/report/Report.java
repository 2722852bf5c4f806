package lat.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import lat.config.Settings;
import lat.core.DataError;
import lat.core.ModelId;
import lat.evaluate.AttackExamples;
import lat.evaluate.Cell;
import lat.evaluate.DigitOutcome;
import lat.evaluate.DigitTable;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.evaluate.EvaluationTable;
import lat.evaluate.ExamplesFile;
import lat.evaluate.RobustnessCurves;
import lat.findings.AccuracyCounts;
import lat.findings.CellOutcomes;
import lat.findings.Metric;
import lat.findings.Outcomes;
import lat.findings.PaperFindings;
import lat.findings.Verdicts;
import lat.io.DirectorySwap;
import lat.io.HadoopFiles;
import lat.io.OutputKind;
import lat.io.OutputLayout;
import lat.io.records.CurvePoint;
import lat.io.records.TrainingMetadata;
import lat.spark.SparkJobs;
import lat.stats.Interval;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report} of a run, rendered from its rows of the evaluation table into
 * {@code <output>/report/<run-id>/}: {@code index.html} with where the run differs from the paper,
 * the paper's Figure 2 (loss, next to the paper's numbers), the accuracies, robustness curves
 * (accuracy against epsilon), training curves, the paper's Figure 1 (digits under each attack) and
 * the provenance of the numbers (from each model's metadata and the table), plus the PNG images it
 * shows; first, the verdict on each of the paper's findings ({@link Verdicts}), also as
 * {@value #VERDICTS_JSON} and {@value #VERDICTS_TXT}. The directory is replaced as a whole, atomically.
 *
 * <p>It only renders: it reads the run's rows of the evaluation table, the attack examples the
 * evaluation stored ({@link ExamplesFile}) and the models' metadata, never the models or the data.
 */
public final class Report {
    /** The page; the images lie beside it. */
    public static final String INDEX = "index.html";

    /** The verdicts on the paper's findings, machine-readable (docs/outputs.md). */
    public static final String VERDICTS_JSON = "verdicts.json";

    /** The same as a plain-text table, which {@code run} prints. */
    public static final String VERDICTS_TXT = "verdicts.txt";

    /** What a report directory holds: the page, its images and the verdicts. */
    public static final OutputKind KIND = OutputKind.directory(
            "a report",
            name -> name.endsWith(".html")
                    || name.endsWith(".png")
                    || name.equals(VERDICTS_JSON)
                    || name.equals(VERDICTS_TXT));

    private Report() {}

    /**
     * Renders the report of {@code settings.runId()}.
     *
     * @param paper the paper's settings (the bundled profile conf/paper.conf), which the run is compared with
     * @return the page's path
     * @throws lat.core.DataError when the table has no rows for the run, or the run's examples are unreadable
     */
    public static Path render(SparkSession spark, Settings settings, Settings paper) {
        return render(spark, settings, paper, rows -> headlineOutcomes(spark, settings, rows));
    }

    /**
     * Renders the report of {@code settings.runId()}, judging the paper's findings on {@code outcomes}
     * instead of the run's per-digit table (the tests' constructed outcomes).
     *
     * @param outcomes the per-digit outcomes of the cells of the headline slice ({@link EvaluationMatrix#headline}),
     *                 input "natural" or the attack's id; empty for none
     */
    public static Path render(SparkSession spark, Settings settings, Settings paper, Optional<Outcomes> outcomes) {
        return render(spark, settings, paper, rows -> outcomes);
    }

    private static Path render(
            SparkSession spark,
            Settings settings,
            Settings paper,
            Function<List<EvaluationRow>, Optional<Outcomes>> outcomesOf) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        List<EvaluationRow> rows = SparkJobs.call(
                JavaSparkContext.fromSparkContext(spark.sparkContext()),
                "lat-report-" + settings.runId(),
                "report of run " + settings.runId() + ": read the evaluation table",
                () -> EvaluationTable.readRun(spark, settings.outputDir(), settings.runId()));
        EvaluationMatrix matrix = EvaluationMatrix.of(rows);
        Optional<Outcomes> outcomes = outcomesOf.apply(rows);
        List<RobustnessCurves> curves = RobustnessCurves.of(rows);
        List<String> warnings = new ArrayList<>();
        Map<String, TrainingMetadata> metadata = metadata(layout, rows, conf, warnings);
        CellIntervals intervals = CellIntervals.of(matrix, outcomes, Verdicts.BOOTSTRAP);
        List<Verdicts.FindingVerdict> verdicts =
                Verdicts.judge(PaperFindings.ALL, outcomes, counts(rows), Verdicts.BOOTSTRAP, Report::paperMean);
        String budget = budget(rows.get(0).examples(), matrix, outcomes);
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(VERDICTS_JSON, Verdicts.toJson(verdicts, budget, Verdicts.BOOTSTRAP));
            files.put(VERDICTS_TXT, Verdicts.toText(verdicts, budget).getBytes(StandardCharsets.UTF_8));
            files.put(
                    HtmlPage.LOSS_PNG,
                    Charts.matrix(
                            "loss, this run (natural x1000)",
                            matrix.models(),
                            matrix.inputs(),
                            values(matrix, EvaluationMatrix::paperScaledLoss),
                            notes(matrix, intervals::paperScaledLoss),
                            true));
            files.put(
                    HtmlPage.PAPER_LOSS_PNG,
                    Charts.matrix(
                            "loss, the paper (natural x1000)",
                            PaperNumbers.MODELS,
                            PaperNumbers.INPUTS,
                            paperValues(),
                            new String[PaperNumbers.MODELS.size()][PaperNumbers.INPUTS.size()],
                            true));
            files.put(
                    HtmlPage.ACCURACY_PNG,
                    Charts.matrix(
                            "accuracy, this run",
                            matrix.models(),
                            matrix.inputs(),
                            values(matrix, EvaluationRow::accuracy),
                            notes(matrix, intervals::accuracy),
                            false));
            Map<String, String> curveFiles = curveCharts(curves, intervals, files);
            List<String> trainingFiles = trainingCharts(metadata, files);

            Optional<AttackExamples.Figure> figure = figureOne(layout, rows, conf, warnings);
            List<HtmlPage.DigitFiles> digitFiles = digitImages(figure, files);
            String page = HtmlPage.render(
                    settings.runId(),
                    verdicts,
                    budget,
                    matrix,
                    intervals,
                    rows,
                    curves,
                    curveFiles,
                    trainingFiles,
                    figure,
                    digitFiles,
                    warnings,
                    metadata,
                    PaperDifferences.of(metadata, rows, paper),
                    PaperDifferences.paperEvaluation(paper));
            files.put(INDEX, page.getBytes(StandardCharsets.UTF_8));
            DirectorySwap.replace(
                    layout.reportDir(), layout.stagingDir(), KIND, conf, staging -> write(staging, files, conf));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the report of run " + settings.runId() + " to " + layout.reportDir(), e);
        }
        return new Path(layout.reportDir(), INDEX);
    }

    /**
     * Each model's metadata.json as recorded when it was trained, by the model's name in the tables
     * ({@link EvaluationMatrix#modelLabel}); a model without one gets a warning.
     */
    private static Map<String, TrainingMetadata> metadata(
            OutputLayout layout, List<EvaluationRow> rows, Configuration conf, List<String> warnings) {
        Function<EvaluationRow, String> label = EvaluationMatrix.modelLabel(rows);
        Map<String, ModelId> models = new TreeMap<>(
                Comparator.comparingDouble(EvaluationMatrix::modelRank).thenComparing(Comparator.naturalOrder()));
        rows.forEach(row -> models.put(label.apply(row), row.modelId()));
        Map<String, TrainingMetadata> metadata = new LinkedHashMap<>();
        for (String model : models.keySet()) {
            Path file = layout.metadataFile(models.get(model));
            try {
                metadata.put(model, TrainingMetadata.read(file, conf));
            } catch (DataError missingOrUnreadable) {
                warnings.add("The " + model + " model's metadata cannot be read (" + missingOrUnreadable.getMessage()
                        + "): its training settings, provenance and training curve are not shown.");
            }
        }
        return metadata;
    }

    /**
     * A chart per method and attack: accuracy against epsilon, a line per model, with error bars of the
     * larger side of each point's Wilson interval (XChart draws symmetric bars); file names by method/attack.
     */
    private static Map<String, String> curveCharts(
            List<RobustnessCurves> curves, CellIntervals intervals, Map<String, byte[]> files) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        for (RobustnessCurves method : curves) {
            for (String attack : method.attacks()) {
                Map<String, double[][]> lines = new LinkedHashMap<>();
                for (String model : method.models()) {
                    lines.put(
                            model,
                            method.epsilons().stream()
                                    .flatMap(eps -> method.row(model, attack, eps).stream()
                                            .map(row -> {
                                                Interval wilson = intervals.wilson(row);
                                                return new double[] {
                                                    eps,
                                                    row.accuracy(),
                                                    Math.max(
                                                            wilson.upper() - row.accuracy(),
                                                            row.accuracy() - wilson.lower())
                                                };
                                            }))
                                    .toArray(double[][]::new));
                }
                String name = "curve-" + method.method() + "-" + attack + ".png";
                files.put(
                        name,
                        Charts.lines(
                                attack + " attack, " + method.method() + " " + method.steps() + " steps",
                                "epsilon",
                                "accuracy",
                                lines,
                                0,
                                1));
                names.put(method.method() + "/" + attack, name);
            }
        }
        return names;
    }

    /** The training curves of the models that recorded one: loss, then clean accuracy, against steps. */
    private static List<String> trainingCharts(Map<String, TrainingMetadata> metadata, Map<String, byte[]> files)
            throws IOException {
        Map<String, double[][]> loss = new LinkedHashMap<>();
        Map<String, double[][]> accuracy = new LinkedHashMap<>();
        metadata.forEach((model, recorded) -> {
            List<CurvePoint> points = recorded.curve() == null ? List.of() : recorded.curve();
            if (!points.isEmpty()) {
                loss.put(
                        model,
                        points.stream()
                                .map(p -> new double[] {p.step(), p.loss()})
                                .toArray(double[][]::new));
                accuracy.put(
                        model,
                        points.stream()
                                .map(p -> new double[] {p.step(), p.cleanAccuracy()})
                                .toArray(double[][]::new));
            }
        });
        if (loss.isEmpty()) {
            return List.of();
        }
        files.put(
                HtmlPage.TRAINING_LOSS_PNG,
                Charts.lines(
                        "training loss (on the examples trained on)",
                        "step",
                        "mean minibatch loss",
                        loss,
                        0,
                        Double.NaN));
        files.put(
                HtmlPage.TRAINING_ACCURACY_PNG,
                Charts.lines("clean accuracy, first training digits", "step", "accuracy", accuracy, 0, 1));
        return List.of(HtmlPage.TRAINING_LOSS_PNG, HtmlPage.TRAINING_ACCURACY_PNG);
    }

    /**
     * The examples the evaluation stored; a warning when there are none, or when they do not belong
     * to the evaluation the table holds (an evaluation that failed between writing the two).
     */
    private static Optional<AttackExamples.Figure> figureOne(
            OutputLayout layout, List<EvaluationRow> rows, Configuration conf, List<String> warnings) {
        Optional<AttackExamples.Figure> figure = ExamplesFile.read(layout, conf);
        if (figure.isEmpty()) {
            warnings.add("The run has no attack examples (" + ExamplesFile.path(layout) + "): it was evaluated by an "
                    + "older lat; evaluate it again to see figure 1.");
            return figure;
        }
        AttackExamples.Figure examples = figure.get();
        Function<EvaluationRow, String> label = EvaluationMatrix.modelLabel(rows);
        boolean sameEvaluation = rows.stream()
                .anyMatch(row -> label.apply(row).equals(examples.model())
                        && row.modelSha256().equals(examples.modelSha256())
                        && row.createdAt().toString().equals(examples.evaluatedAt()));
        if (!sameEvaluation) {
            warnings.add("Figure 1's examples (" + ExamplesFile.path(layout) + ") were crafted by an evaluation at "
                    + examples.evaluatedAt() + " of the " + examples.model() + " model with SHA-256 "
                    + examples.modelSha256() + ", not by the one the tables show: evaluate the run again.");
        }
        return figure;
    }

    /** Draws figure 1's images into {@code files} and returns their names, digit by digit. */
    private static List<HtmlPage.DigitFiles> digitImages(
            Optional<AttackExamples.Figure> figure, Map<String, byte[]> files) throws IOException {
        List<HtmlPage.DigitFiles> names = new ArrayList<>();
        for (AttackExamples.Digit digit :
                figure.map(AttackExamples.Figure::digits).orElse(List.of())) {
            String prefix = "digit-" + digit.index() + "-";
            String clean = prefix + "clean.png";
            files.put(clean, Charts.digit("clean", digit.clean()));
            Map<String, String> adversarial = new LinkedHashMap<>();
            Map<String, String> perturbation = new LinkedHashMap<>();
            for (AttackExamples.Example example : digit.examples()) {
                String attack = example.attack();
                adversarial.put(attack, prefix + attack + ".png");
                files.put(adversarial.get(attack), Charts.digit(attack, example.adversarial()));
                perturbation.put(attack, prefix + "perturbation-" + attack + ".png");
                files.put(
                        perturbation.get(attack),
                        Charts.perturbation(
                                attack + " - clean", example.perturbation(digit.clean()), example.epsilon()));
            }
            names.add(new HtmlPage.DigitFiles(clean, adversarial, perturbation));
        }
        return names;
    }

    /** The matrix's values, models down, inputs across; NaN where a cell is missing. */
    private static double[][] values(EvaluationMatrix matrix, ToDoubleFunction<EvaluationRow> value) {
        double[][] values = new double[matrix.models().size()][matrix.inputs().size()];
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                values[r][c] = matrix.cell(
                                matrix.models().get(r), matrix.inputs().get(c))
                        .map(value::applyAsDouble)
                        .orElse(Double.NaN);
            }
        }
        return values;
    }

    /** Each cell's interval as the heat maps write it, null where there is none. */
    private static String[][] notes(EvaluationMatrix matrix, Function<EvaluationRow, Optional<Interval>> interval) {
        String[][] notes = new String[matrix.models().size()][matrix.inputs().size()];
        for (int r = 0; r < notes.length; r++) {
            for (int c = 0; c < notes[r].length; c++) {
                notes[r][c] = matrix.cell(
                                matrix.models().get(r), matrix.inputs().get(c))
                        .flatMap(interval)
                        .map(CellIntervals::format)
                        .orElse(null);
            }
        }
        return notes;
    }

    /**
     * Each headline cell's exact count of correct digits, from the table, pooled over the training seeds
     * of its model kind (all seeds were evaluated on the same digits).
     */
    private static AccuracyCounts counts(List<EvaluationRow> rows) {
        List<EvaluationRow> headline = EvaluationMatrix.headline(rows);
        return (model, input) -> headline.stream()
                .filter(row -> row.model().equals(model) && row.attack().equals(input))
                .map(row -> new AccuracyCounts.Count(row.correct(), row.examples()))
                .reduce((x, y) -> new AccuracyCounts.Count(x.correct() + y.correct(), x.digits() + y.digits()));
    }

    /**
     * The run's per-digit outcomes of the headline slice, by model kind, input and training seed, digits
     * in order; empty for a run evaluated before lat kept them.
     */
    private static Optional<Outcomes> headlineOutcomes(
            SparkSession spark, Settings settings, List<EvaluationRow> rows) {
        Set<String> cells = EvaluationMatrix.headline(rows).stream()
                .map(row -> cellKey(
                        row.model(), row.trainSeed(), row.attack(), row.method(), row.epsilon(), row.pgdSteps()))
                .collect(Collectors.toSet());
        Path partition = DigitTable.partition(settings.outputDir(), settings.runId());
        try {
            if (!HadoopFiles.fileSystem(partition, spark.sparkContext().hadoopConfiguration())
                    .exists(partition)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new DataError("cannot look for " + partition + ": " + HadoopFiles.describe(e), e);
        }
        List<DigitOutcome> digits = SparkJobs.call(
                JavaSparkContext.fromSparkContext(spark.sparkContext()),
                "lat-report-" + settings.runId(),
                "report of run " + settings.runId() + ": read the per-digit table",
                () -> DigitTable.readRun(spark, settings.outputDir(), settings.runId()));
        Map<String, List<DigitOutcome>> byCell = digits.stream()
                .filter(d -> cells.contains(
                        cellKey(d.model(), d.trainSeed(), d.attack(), d.method(), d.epsilon(), d.pgdSteps())))
                .collect(Collectors.groupingBy(
                        d -> cellKey(d.model(), d.trainSeed(), d.attack(), d.method(), d.epsilon(), d.pgdSteps()),
                        LinkedHashMap::new,
                        Collectors.toList()));
        if (byCell.size() != cells.size()) {
            return Optional.empty();
        }
        List<CellOutcomes> outcomes = new ArrayList<>();
        for (List<DigitOutcome> cell : byCell.values()) {
            List<DigitOutcome> sorted = cell.stream()
                    .sorted(Comparator.comparingInt(DigitOutcome::digit))
                    .toList();
            boolean[] correct = new boolean[sorted.size()];
            double[] loss = new double[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                correct[i] = sorted.get(i).correct();
                loss[i] = sorted.get(i).loss();
            }
            DigitOutcome first = sorted.get(0);
            outcomes.add(new CellOutcomes(first.model(), first.attack(), first.trainSeed(), correct, loss));
        }
        return Optional.of(Outcomes.of(outcomes));
    }

    private static String cellKey(String model, long seed, String attack, String method, double epsilon, int steps) {
        return model + "\u0000" + seed + "\u0000" + attack + "\u0000" + method + "\u0000" + epsilon + "\u0000" + steps;
    }

    /** The paper's mean: its Figure 2 for loss (natural inputs back to the unscaled loss); it gives no accuracy. */
    private static double paperMean(Metric metric, String model, String input) {
        if (metric != Metric.LOSS) {
            return Double.NaN;
        }
        double printed = PaperNumbers.loss(model, input);
        return Cell.NATURAL.equals(input) ? printed / EvaluationMatrix.NATURAL_LOSS_SCALE : printed;
    }

    /** What the verdicts rest on, e.g. "1000 digits x 1 training seed, pgd, epsilon 0.3, 40 steps; 95% ...". */
    private static String budget(long digits, EvaluationMatrix matrix, Optional<Outcomes> outcomes) {
        String level = Math.round(Verdicts.BOOTSTRAP.level() * 100) + "% intervals, " + Verdicts.BOOTSTRAP.resamples()
                + " bootstrap resamples";
        return outcomes.map(o -> o.digits() + " digits x " + o.seeds().size() + " training seed(s), attacks "
                        + matrix.slice() + "; " + level)
                .orElse(digits + " digits, attacks " + matrix.slice() + "; no per-digit outcomes");
    }

    private static double[][] paperValues() {
        double[][] values = new double[PaperNumbers.MODELS.size()][PaperNumbers.INPUTS.size()];
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                values[r][c] = PaperNumbers.loss(PaperNumbers.MODELS.get(r), PaperNumbers.INPUTS.get(c));
            }
        }
        return values;
    }

    private static void write(Path dir, Map<String, byte[]> files, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        fs.mkdirs(dir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            try (OutputStream out = fs.create(new Path(dir, file.getKey()), false)) {
                out.write(file.getValue());
            }
        }
    }
}
