package lat.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import lat.config.Settings;
import lat.core.ModelKind;
import lat.data.Digits;
import lat.data.Mnist;
import lat.evaluate.Cell;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.evaluate.EvaluationTable;
import lat.evaluate.ModelFiles;
import lat.io.DirectorySwap;
import lat.io.HadoopFiles;
import lat.io.OutputKind;
import lat.io.OutputLayout;
import lat.model.ModelStore;
import lat.spark.SparkJobs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report} of a run, rendered from its rows of the evaluation table into
 * {@code <output>/report/<run-id>/}: {@code index.html} with the paper's Figure 2 (loss, next to
 * the paper's numbers), the accuracies, the paper's Figure 1 (a digit under each attack) and the
 * settings, plus the PNG images it shows. The directory is replaced as a whole, atomically.
 */
public final class Report {
    /** The page; the images lie beside it. */
    public static final String INDEX = "index.html";

    /** What a report directory holds: the page and its images. */
    public static final OutputKind KIND = OutputKind.directory("a report",
            name -> name.endsWith(".html") || name.endsWith(".png"));

    private Report() {
    }

    /**
     * Renders the report of {@code settings.runId()}.
     *
     * <p>Figure 1 is crafted against the run's natural model (the paper's Figure 1 shows attacks on an
     * undefended network), or the first model of the run when it has no natural model.
     *
     * @return the page's path
     * @throws lat.core.DataError when the table has no rows for the run, or a file it needs is missing
     */
    public static Path render(SparkSession spark, Settings settings) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        List<EvaluationRow> rows = SparkJobs.call(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                "lat-report-" + settings.runId(), "report of run " + settings.runId() + ": read the evaluation table",
                () -> EvaluationTable.readRun(spark, settings.outputDir(), settings.runId()));
        EvaluationMatrix matrix = EvaluationMatrix.of(rows);
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(HtmlPage.LOSS_PNG, Charts.matrix("loss, this run (natural x1000)", matrix.models(),
                    matrix.inputs(), values(matrix, EvaluationMatrix::paperScaledLoss), 0, Double.NaN));
            files.put(HtmlPage.PAPER_LOSS_PNG, Charts.matrix("loss, the paper (natural x1000)", PaperNumbers.MODELS,
                    PaperNumbers.INPUTS, paperValues(), 0, Double.NaN));
            files.put(HtmlPage.ACCURACY_PNG, Charts.matrix("accuracy, this run", matrix.models(), matrix.inputs(),
                    values(matrix, EvaluationRow::accuracy), 0, 1));

            List<String> warnings = new ArrayList<>();
            AttackExamples.Figure figure = figureOne(settings, layout, matrix, rows, conf, warnings);
            HtmlPage.DigitFiles digitFiles = digitImages(figure, files);
            String page = HtmlPage.render(settings.runId(), matrix, rows, figure, digitFiles, warnings,
                    SettingsTable.flatten("lat", settings));
            files.put(INDEX, page.getBytes(StandardCharsets.UTF_8));
            DirectorySwap.replace(layout.reportDir(), layout.stagingDir(), KIND, conf,
                    staging -> write(staging, files, conf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of run " + settings.runId() + " to "
                    + layout.reportDir(), e);
        }
        return new Path(layout.reportDir(), INDEX);
    }

    private static AttackExamples.Figure figureOne(Settings settings, OutputLayout layout, EvaluationMatrix matrix,
                                                   List<EvaluationRow> rows, Configuration conf, List<String> warnings) {
        String model = matrix.models().contains(ModelKind.NATURAL.id()) ? ModelKind.NATURAL.id() : matrix.models().get(0);
        String path = layout.modelFile(ModelKind.fromId(model)).toString();
        List<EvaluationRow> modelRows = rows.stream().filter(row -> row.model().equals(model)).toList();
        String evaluated = modelRows.get(0).modelSha256();
        if (!ModelFiles.sha256(path, conf).equals(evaluated)) {
            warnings.add("The " + model + " model file " + path + " changed after the evaluation: figure 1 shows the "
                    + "current model, the tables the one evaluated (SHA-256 " + evaluated + ").");
        }
        List<EvaluationRow> attackRows = matrix.inputs().stream().filter(input -> !input.equals(Cell.NATURAL))
                .map(input -> matrix.cell(model, input)).flatMap(Optional::stream).toList();
        Digits digit = Mnist.load(settings.data().dir(), Mnist.Split.TEST, 1, conf);
        return AttackExamples.craft(ModelStore.load(path, conf), model, digit, attackRows, settings.attack(),
                modelRows.get(0).seed());
    }

    /** Draws figure 1's images into {@code files} and returns their names. */
    private static HtmlPage.DigitFiles digitImages(AttackExamples.Figure figure, Map<String, byte[]> files)
            throws IOException {
        String clean = "digit-clean.png";
        files.put(clean, Charts.digit("clean", figure.clean()));
        Map<String, String> adversarial = new LinkedHashMap<>();
        Map<String, String> perturbation = new LinkedHashMap<>();
        for (AttackExamples.Example example : figure.examples()) {
            String attack = example.attack();
            adversarial.put(attack, "digit-" + attack + ".png");
            files.put(adversarial.get(attack), Charts.digit(attack, example.adversarial()));
            perturbation.put(attack, "perturbation-" + attack + ".png");
            files.put(perturbation.get(attack), Charts.perturbation(attack + " - clean",
                    example.perturbation(figure.clean()), example.epsilon()));
        }
        return new HtmlPage.DigitFiles(clean, adversarial, perturbation);
    }

    /** The matrix's values, models down, inputs across; NaN where a cell is missing. */
    private static double[][] values(EvaluationMatrix matrix, ToDoubleFunction<EvaluationRow> value) {
        double[][] values = new double[matrix.models().size()][matrix.inputs().size()];
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                values[r][c] = matrix.cell(matrix.models().get(r), matrix.inputs().get(c))
                        .map(value::applyAsDouble).orElse(Double.NaN);
            }
        }
        return values;
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
