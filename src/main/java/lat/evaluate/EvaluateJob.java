package lat.evaluate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lat.attack.LocalizedAttack;
import lat.config.EvaluateSettings;
import lat.config.Settings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.BuildInfo;
import lat.core.ModelId;
import lat.data.Digits;
import lat.data.Mnist;
import lat.io.OutputLayout;
import lat.spark.CatalogTable;
import lat.spark.SparkJobs;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The {@code evaluate} job: every cell of a run's grid (each model on natural inputs, and under each
 * attack x method x epsilon x steps of {@code lat.evaluate}), each attack white-box against the model
 * evaluated.
 * One Spark task per (cell, test shard); tasks return per-minibatch sums, which the driver adds
 * up exactly ({@link CellResult#combine}); the rows replace the run's partition of the
 * evaluation table ({@link EvaluationTable}), each digit's outcome the run's partition of the per-digit
 * table ({@link DigitTable}). Then the driver crafts the paper's Figure 1 with the
 * settings of those rows and stores it beside the table ({@link ExamplesFile}), so that the report
 * draws what this evaluation did without models, data or an attack of its own.
 */
public final class EvaluateJob {
    private EvaluateJob() {}

    /**
     * Evaluates the trained {@code models} of the run ({@code OutputLayout.modelFile}), writes
     * the run's partitions of the evaluation and per-digit tables, then the run's attack examples.
     *
     * @return the rows written, models in the given order, natural inputs first
     * @throws lat.core.DataError when a model or the test data is missing or unreadable
     */
    public static List<EvaluationRow> run(SparkSession spark, Settings settings, List<ModelId> models) {
        // Microseconds: what the table's timestamp holds, so the rows returned equal the rows read back.
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EvaluateSettings evaluate = settings.evaluate();
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = spark.sparkContext().hadoopConfiguration();

        // Everything the tasks need is checked on the driver first: a missing file costs no cluster time.
        Map<ModelId, String> modelSha256 = new LinkedHashMap<>();
        Map<ModelId, TrainingProvenance> training = new LinkedHashMap<>();
        for (ModelId model : models) {
            modelSha256.put(model, ModelFiles.sha256(layout.modelFile(model).toString(), conf));
            training.put(model, TrainingProvenance.read(layout.metadataFile(model), conf));
        }
        ExamplesFile.requireReplaceable(layout, conf);
        String group = "lat-evaluate-" + settings.runId();
        // The catalog follows the files: a partition a killed or failed evaluate left unregistered is
        // registered now, one whose directory is gone is dropped (docs/design.md).
        Optional<CatalogTable> catalog = EvaluationTable.catalog(evaluate.table(), settings.outputDir());
        Optional<CatalogTable> digitCatalog = DigitTable.catalog(evaluate.table(), settings.outputDir());
        for (CatalogTable table :
                Stream.concat(catalog.stream(), digitCatalog.stream()).toList()) {
            SparkJobs.run(
                    sc,
                    group,
                    "evaluate run " + settings.runId() + ": sync the catalog table " + table.name(),
                    () -> table.sync(spark));
        }
        Digits digits = Mnist.load(settings.data(), Mnist.Split.TEST, evaluate.examples(), conf);
        int shards = evaluate.shards() > 0 ? evaluate.shards() : sc.defaultParallelism();
        List<Shard> plan = Shard.plan(digits.size(), evaluate.batchSize(), shards);
        List<Cell> cells = cells(models, evaluate);
        List<EvaluationTask> tasks = new ArrayList<>();
        for (Cell cell : cells) {
            for (Shard shard : plan) {
                String path = layout.modelFile(cell.model()).toString();
                tasks.add(new EvaluationTask(cell, shard, path, modelSha256.get(cell.model())));
            }
        }

        CellEvaluator evaluator = new CellEvaluator(
                settings.attack(),
                evaluate.pgd(),
                evaluate.apgdT(),
                evaluate.square(),
                evaluate.batchSize(),
                settings.seed());
        String description = String.format(
                "evaluate run %s: %d models x %d inputs x %d shards, %d digits, " + "steps %s, epsilons %s",
                settings.runId(),
                models.size(),
                cells.size() / models.size(),
                plan.size(),
                digits.size(),
                evaluate.steps(),
                evaluate.epsilons());
        List<MinibatchSums> sums;
        try (EvaluationProgress progress = EvaluationProgress.start(
                sc,
                "evaluate " + settings.runId(),
                cells,
                plan.size(),
                digits.size(),
                evaluate.progressSeconds(),
                System.out)) {
            EvaluateShard task = new EvaluateShard(
                    settings.data().dir(),
                    digits.size(),
                    digits.imagesSha256(),
                    evaluator,
                    sc.broadcast(new SerializableConfiguration(conf)),
                    progress.counters());
            sums = SparkJobs.call(
                    sc,
                    group,
                    description,
                    () -> sc.parallelize(tasks, tasks.size())
                            .setName("evaluation tasks of run " + settings.runId())
                            .flatMap(task)
                            .collect());
        }

        Map<Cell, List<MinibatchSums>> byCell = sums.stream().collect(Collectors.groupingBy(MinibatchSums::cell));
        List<EvaluationRow> rows = new ArrayList<>();
        List<DigitOutcome> outcomes = new ArrayList<>();
        for (Cell cell : cells) {
            CellResult result = CellResult.combine(cell, byCell.getOrDefault(cell, List.of()));
            outcomes.addAll(DigitTable.outcomes(settings.runId(), result));
            rows.add(row(
                    settings,
                    result,
                    createdAt,
                    modelSha256.get(cell.model()),
                    digits.imagesSha256(),
                    training.get(cell.model())));
        }
        SparkJobs.run(
                sc, group, "evaluate run " + settings.runId() + ": write its partition of the evaluation table", () -> {
                    EvaluationTable.writeRun(spark, settings.outputDir(), settings.runId(), rows);
                    catalog.ifPresent(table -> table.registerPartition(spark, settings.runId()));
                });
        SparkJobs.run(
                sc, group, "evaluate run " + settings.runId() + ": write its partition of the per-digit table", () -> {
                    DigitTable.writeRun(spark, settings.outputDir(), settings.runId(), outcomes);
                    digitCatalog.ifPresent(table -> table.registerPartition(spark, settings.runId()));
                });
        ExamplesFile.write(layout, figureOne(settings, rows, digits, conf), conf);
        return rows;
    }

    /**
     * Figure 1 of {@code rows}: the first {@value AttackExamples#CANDIDATES} evaluated digits attacked
     * against {@link AttackExamples#modelShown the model shown}, on the driver, with the settings of that
     * model's rows in the report's tables (the slice {@link EvaluationMatrix} shows).
     */
    static AttackExamples.Figure figureOne(
            Settings settings, List<EvaluationRow> rows, Digits digits, Configuration conf) {
        EvaluationMatrix matrix = EvaluationMatrix.of(rows);
        String model = AttackExamples.modelShown(matrix.models());
        EvaluationRow cleanRow = matrix.cell(model, Cell.NATURAL).orElseThrow();
        List<EvaluationRow> attackRows = matrix.inputs().stream()
                .filter(input -> !input.equals(Cell.NATURAL))
                .map(input -> matrix.cell(model, input))
                .flatMap(Optional::stream)
                .toList();
        Digits candidates = digits.head(Math.min(AttackExamples.CANDIDATES, digits.size()));
        String path = new OutputLayout(settings.outputDir(), settings.runId())
                .modelFile(cleanRow.modelId())
                .toString();
        List<AttackExamples.Digit> shown = AttackExamples.craft(
                ModelFiles.load(path, cleanRow.modelSha256(), conf),
                candidates,
                attackRows,
                settings.attack(),
                settings.evaluate(),
                settings.seed());
        return new AttackExamples.Figure(
                settings.runId(),
                model,
                cleanRow.modelSha256(),
                cleanRow.createdAt().toString(),
                candidates.size(),
                shown);
    }

    /**
     * The grid: each model on natural inputs, then under each attack with each method, epsilon and
     * steps of {@code evaluate}, in that order.
     */
    static List<Cell> cells(List<ModelId> models, EvaluateSettings evaluate) {
        List<Cell> cells = new ArrayList<>();
        for (ModelId model : models) {
            cells.add(Cell.natural(model));
            for (AttackKind attack : evaluate.attacks()) {
                for (AttackMethod method : evaluate.methods()) {
                    for (double epsilon : evaluate.epsilons()) {
                        // Square has no steps: one cell per epsilon, its queries in the steps column
                        List<Integer> stepCounts = method == AttackMethod.SQUARE
                                ? List.of(evaluate.square().queries())
                                : evaluate.steps();
                        for (int steps : stepCounts) {
                            cells.add(new Cell(model, attack, method, epsilon, steps));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The table row of a cell; natural inputs record no attack: method none, epsilon 0, 0 steps of 0,
     * no random start.
     */
    static EvaluationRow row(
            Settings settings,
            CellResult result,
            Instant createdAt,
            String modelSha256,
            String dataSha256,
            TrainingProvenance training) {
        Cell cell = result.cell();
        LocalizedAttack attack = cell.isNatural()
                ? null
                : new CellEvaluator(
                                settings.attack(),
                                settings.evaluate().pgd(),
                                settings.evaluate().apgdT(),
                                settings.evaluate().square(),
                                settings.evaluate().batchSize(),
                                settings.seed())
                        .attackOf(cell);
        return new EvaluationRow(
                settings.runId(),
                cell.model().kind().id(),
                cell.model().seed(),
                cell.input(),
                cell.methodName(),
                cell.epsilon(),
                cell.steps(),
                attack == null ? 0.0 : attack.stepSize(),
                attack != null && attack.randomStart(),
                result.examples(),
                result.loss(),
                result.accuracy(),
                settings.data().dataset().testSetId(),
                settings.seed(),
                createdAt,
                result.seconds(),
                result.lossSum(),
                result.correct(),
                modelSha256,
                dataSha256,
                BuildInfo.codeVersion(),
                BuildInfo.nd4jBackend(),
                training);
    }
}
