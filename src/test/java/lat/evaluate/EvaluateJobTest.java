package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lat.TestData;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.config.Settings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ConfigError;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.core.Seeds;
import lat.data.Digits;
import lat.data.Mnist;
import lat.io.OutputLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate job on Spark local[2]: the table it writes and the numbers in it. */
@Tag("slow")
class EvaluateJobTest {
    private static final ModelId NATURAL = new ModelId(ModelKind.NATURAL, 42);

    /** The contract's columns and types (docs/design.md, "Evaluation table"). */
    private static final Map<String, DataType> CONTRACT = Map.ofEntries(
            Map.entry("run_id", DataTypes.StringType),
            Map.entry("model", DataTypes.StringType),
            Map.entry("train_seed", DataTypes.LongType),
            Map.entry("attack", DataTypes.StringType),
            Map.entry("method", DataTypes.StringType),
            Map.entry("epsilon", DataTypes.DoubleType),
            Map.entry("pgd_steps", DataTypes.IntegerType),
            Map.entry("step_size", DataTypes.DoubleType),
            Map.entry("random_start", DataTypes.BooleanType),
            Map.entry("examples", DataTypes.LongType),
            Map.entry("loss", DataTypes.DoubleType),
            Map.entry("accuracy", DataTypes.DoubleType),
            Map.entry("dataset", DataTypes.StringType),
            Map.entry("seed", DataTypes.LongType),
            Map.entry("created_at", DataTypes.TimestampType),
            Map.entry("duration_s", DataTypes.DoubleType));

    private static final Set<String> EXTRAS = Set.of(
            "loss_sum",
            "correct",
            "model_sha256",
            "data_sha256",
            "code_version",
            "nd4j_backend",
            "model_conv1_channels",
            "model_conv2_channels",
            "model_dense_units",
            "train_steps",
            "train_epsilon",
            "train_pgd_steps");

    /** The per-digit table's columns and types (docs/design.md, "Per-digit table"). */
    private static final Map<String, DataType> DIGIT_COLUMNS = Map.ofEntries(
            Map.entry("run_id", DataTypes.StringType),
            Map.entry("model", DataTypes.StringType),
            Map.entry("train_seed", DataTypes.LongType),
            Map.entry("attack", DataTypes.StringType),
            Map.entry("method", DataTypes.StringType),
            Map.entry("epsilon", DataTypes.DoubleType),
            Map.entry("pgd_steps", DataTypes.IntegerType),
            Map.entry("digit", DataTypes.IntegerType),
            Map.entry("label", DataTypes.IntegerType),
            Map.entry("predicted", DataTypes.IntegerType),
            Map.entry("correct", DataTypes.BooleanType),
            Map.entry("loss", DataTypes.DoubleType),
            Map.entry("broken_by", DataTypes.StringType));

    @TempDir
    static Path output;

    static SparkSession spark;
    static List<EvaluationRow> runA;

    @BeforeAll
    static void evaluateRunA() throws IOException {
        spark = TestData.spark();
        runA = EvaluationFixture.evaluate(spark, output, "run-a", TestData.trainedSmallCnn());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theTableHasOneRowPerCellWithTheContractsColumnsAndTypes() {
        // Read as any Parquet reader would, inferring the schema from the files and directory names.
        var table = spark.read().parquet(output.resolve("evaluation").toString());
        Map<String, DataType> types =
                Stream.of(table.schema().fields()).collect(Collectors.toMap(StructField::name, StructField::dataType));
        CONTRACT.forEach((column, type) -> assertEquals(type, types.get(column), column));
        assertEquals(Set.copyOf(types.keySet()), union(CONTRACT.keySet(), EXTRAS));

        List<String> cells = table
                .where("run_id = 'run-a'")
                .select("model", "attack", "method", "epsilon", "pgd_steps")
                .collectAsList()
                .stream()
                .map(row -> row.getString(0) + "/" + row.getString(1) + "/" + row.getString(2) + "/" + row.getDouble(3)
                        + "/" + row.getInt(4))
                .sorted()
                .toList();
        List<String> expected = Stream.of("natural", "standard")
                .flatMap(model -> Stream.concat(
                        Stream.of(model + "/natural/none/0.0/0"),
                        Stream.of("standard", "background", "exact-mask", "broad-mask")
                                .flatMap(attack -> Stream.of("pgd", "apgd-ce")
                                        .flatMap(method -> Stream.of(0.1, 0.3)
                                                .flatMap(eps -> Stream.of(2, 5)
                                                        .map(steps -> model + "/" + attack + "/" + method + "/" + eps
                                                                + "/" + steps))))))
                .sorted()
                .toList();
        assertEquals(expected, cells);
        for (EvaluationRow row : runA) {
            assertEquals(100, row.examples());
            assertEquals("mnist-test", row.dataset());
            boolean natural = row.attack().equals("natural");
            double stepSize = natural ? 0.0 : row.method().equals("pgd") ? 0.1 : 2 * row.epsilon();
            assertEquals(stepSize, row.stepSize(), "PGD's step; APGD-CE's first, twice epsilon");
            assertEquals(!natural, row.randomStart());
            assertEquals(row.lossSum() / 100, row.loss());
        }
    }

    @Test
    void theGridIsInConfigurationOrderAndEachCellsSeedDependsOnItsNamesAndValuesOnly() {
        Settings settings = EvaluationFixture.settings(output, "run-a");
        List<Cell> cells = EvaluateJob.cells(List.of(NATURAL), settings.evaluate());
        assertEquals(EvaluationFixture.ROWS_PER_MODEL, cells.size());
        assertEquals(Cell.natural(NATURAL), cells.get(0));
        assertEquals(new Cell(NATURAL, AttackKind.STANDARD, AttackMethod.PGD, 0.3, 5), cells.get(1));
        assertEquals(new Cell(NATURAL, AttackKind.STANDARD, AttackMethod.PGD, 0.3, 2), cells.get(2));
        assertEquals(new Cell(NATURAL, AttackKind.STANDARD, AttackMethod.APGD_CE, 0.3, 5), cells.get(5));
        assertEquals(
                cells.size(),
                cells.stream()
                        .map(cell -> CellEvaluator.cellSeed(42, cell))
                        .distinct()
                        .count(),
                "every cell draws its own random starts");
        assertEquals(
                CellEvaluator.cellSeed(42, cells.get(1)),
                CellEvaluator.cellSeed(42, new Cell(NATURAL, AttackKind.STANDARD, AttackMethod.PGD, 0.3, 5)));
    }

    @Test
    void replicatesAreCellsOfTheirOwnAndTheRunSeedsReplicateKeepsTheCellSeedsOfRunsWithoutReplicates() {
        Settings settings = EvaluationFixture.settings(output, "run-a");
        ModelId seven = new ModelId(ModelKind.NATURAL, 7);
        List<Cell> cells = EvaluateJob.cells(List.of(NATURAL, seven), settings.evaluate());
        assertEquals(2 * EvaluationFixture.ROWS_PER_MODEL, cells.size());
        assertEquals(Cell.natural(seven), cells.get(EvaluationFixture.ROWS_PER_MODEL), "model by model");
        assertEquals(
                cells.size(),
                cells.stream()
                        .map(cell -> CellEvaluator.cellSeed(42, cell))
                        .distinct()
                        .count(),
                "each replicate draws its own random starts");
        assertEquals(
                Seeds.of(Seeds.of(42, "natural"), "natural"),
                CellEvaluator.cellSeed(42, Cell.natural(NATURAL)),
                "the formula of runs before replicates");
    }

    @Test
    void theDigitTableHoldsEachCellsDigitsAndTheyAddUpExactlyToTheCellsSums() {
        var table = spark.read().parquet(output.resolve("evaluation-digits").toString());
        Map<String, DataType> types =
                Stream.of(table.schema().fields()).collect(Collectors.toMap(StructField::name, StructField::dataType));
        assertEquals(DIGIT_COLUMNS, types, "read as any Parquet reader would");

        Map<String, List<DigitOutcome>> byCell = DigitTable.readRun(spark, output.toString(), "run-a").stream()
                .collect(Collectors.groupingBy(EvaluateJobTest::cellKey));
        assertEquals(runA.size(), byCell.size(), "one group per row of the main table");
        for (EvaluationRow row : runA) {
            List<DigitOutcome> digits = byCell.get(row.model() + "/" + row.trainSeed() + "/" + row.attack() + "/"
                    + row.method() + "/" + row.epsilon() + "/" + row.pgdSteps());
            assertEquals(row.examples(), digits.size());
            double lossSum = 0;
            long correct = 0;
            for (int i = 0; i < digits.size(); i++) {
                assertEquals(i, digits.get(i).digit(), "digit order");
                lossSum += digits.get(i).loss();
                correct += digits.get(i).correct() ? 1 : 0;
            }
            assertEquals(row.lossSum(), lossSum, 0.0, row.model() + " " + row.attack() + ": bit for bit");
            assertEquals(row.correct(), correct);
            // a single method fooled the digits that are right clean and wrong under it, and only those
            List<DigitOutcome> clean = byCell.get(row.model() + "/" + row.trainSeed() + "/natural/none/0.0/0");
            for (int i = 0; i < digits.size(); i++) {
                DigitOutcome d = digits.get(i);
                String expected = clean.get(i).correct() && !d.correct() ? row.method() : null;
                assertEquals(Cell.NATURAL.equals(row.attack()) ? null : expected, d.brokenBy(), d.toString());
            }
        }
    }

    private static List<List<Object>> withoutRunId(List<DigitOutcome> outcomes) {
        return outcomes.stream()
                .map(d -> List.<Object>of(cellKey(d), d.digit(), d.label(), d.predicted(), d.correct(), d.loss()))
                .toList();
    }

    private static String cellKey(DigitOutcome d) {
        return d.model() + "/" + d.trainSeed() + "/" + d.attack() + "/" + d.method() + "/" + d.epsilon() + "/"
                + d.pgdSteps();
    }

    @Test
    void onANaturalModelAccuracyFallsAsEpsilonGrows() {
        assertEquals(
                List.of("pgd", "apgd-ce"),
                RobustnessCurves.of(runA).stream().map(RobustnessCurves::method).toList());
        for (RobustnessCurves curves : RobustnessCurves.of(runA)) {
            assertEquals(List.of(0.0, 0.1, 0.3), curves.epsilons());
            assertEquals(5, curves.steps(), "the curves use the most steps");
            for (String attack : curves.attacks()) {
                double clean = curves.row("natural", attack, 0).orElseThrow().accuracy();
                double small = curves.row("natural", attack, 0.1).orElseThrow().accuracy();
                double large = curves.row("natural", attack, 0.3).orElseThrow().accuracy();
                assertTrue(clean >= small && small > large, attack + ": " + clean + ", " + small + ", " + large);
            }
        }
        // Both methods break the natural model at eps 0.3 under every attack, each in its own way (with
        // 5 steps APGD-CE has no room to halve its step and need not beat PGD).
        for (AttackKind attack : AttackKind.values()) {
            EvaluationRow pgd = cell(runA, "natural", attack.id(), "pgd", 0.3, 5);
            EvaluationRow apgd = cell(runA, "natural", attack.id(), "apgd-ce", 0.3, 5);
            assertTrue(
                    pgd.accuracy() <= 0.15 && apgd.accuracy() <= 0.15,
                    attack + ": PGD " + pgd.accuracy() + ", APGD-CE " + apgd.accuracy());
            assertTrue(pgd.lossSum() != apgd.lossSum(), attack + ": the same loss, so the same attack?");
        }
        EvaluationMatrix matrix = EvaluationMatrix.of(runA);
        EvaluationRow standard = matrix.cell("natural", "standard").orElseThrow();
        assertEquals(
                List.of("pgd", 0.3, 5),
                List.of(standard.method(), standard.epsilon(), standard.pgdSteps()),
                "the 5 x 5 matrix: nearest the training epsilon 0.2 (a tie, so the larger), the most steps");
        assertEquals("pgd, epsilon 0.3, 5 steps", matrix.slice());
    }

    @Test
    void anotherRunLeavesTheFirstRunsPartitionByteForByteUnchanged() throws IOException {
        Path partitionA = output.resolve("evaluation/run_id=run-a");
        Path digitsA = output.resolve("evaluation-digits/run_id=run-a");
        Map<String, byte[]> before = contents(partitionA);
        Map<String, byte[]> digitsBefore = contents(digitsA);
        EvaluationFixture.evaluate(spark, output, "run-b", TestData.trainedSmallCnn());
        assertEquals(
                withoutRunId(DigitTable.readRun(spark, output.toString(), "run-a")),
                withoutRunId(DigitTable.readRun(spark, output.toString(), "run-b")),
                "the same models and settings under another run id: the same outcomes, bit for bit");
        Settings rerun = EvaluationFixture.settings(output, "run-b", "lat.train.models = [natural]");
        EvaluateJob.run(spark, rerun, rerun.train().modelIds());

        Map<String, byte[]> after = contents(partitionA);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file));
        Map<String, byte[]> digitsAfter = contents(digitsA);
        assertEquals(digitsBefore.keySet(), digitsAfter.keySet());
        digitsBefore.forEach((file, bytes) -> assertArrayEquals(bytes, digitsAfter.get(file), file));
        assertEquals(
                EvaluationFixture.ROWS_PER_MODEL * 100L,
                DigitTable.readRun(spark, output.toString(), "run-b").size(),
                "run-b's per-digit partition replaced as a whole too");
        // The rerun replaced run-b's partition as a whole: only its natural model's cells remain.
        var table = EvaluationTable.read(spark, output.toString());
        assertEquals(
                2 * EvaluationFixture.ROWS_PER_MODEL,
                table.where("run_id = 'run-a'").count());
        assertEquals(
                EvaluationFixture.ROWS_PER_MODEL,
                table.where("run_id = 'run-b'").count());
        try (Stream<Path> entries = Files.list(output.resolve("evaluation"))) {
            assertEquals(
                    Set.of("run_id=run-a", "run_id=run-b"),
                    entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "no staging left");
        }
    }

    @Test
    void theEvaluationStoresFigureOnesExamplesCraftedWithTheSettingsOfItsRowsReproducibly() {
        Configuration conf = new Configuration();
        AttackExamples.Figure stored = ExamplesFile.read(new OutputLayout(output.toString(), "run-a"), conf)
                .orElseThrow();
        EvaluationRow clean = runA.get(0);
        assertEquals(
                List.of(
                        "run-a",
                        "natural",
                        "natural",
                        clean.modelSha256(),
                        clean.createdAt().toString(),
                        100),
                List.of(
                        stored.runId(),
                        stored.model(),
                        clean.model(),
                        stored.modelSha256(),
                        stored.evaluatedAt(),
                        stored.candidates()));
        // each digit under each attack of the natural model's rows in the report's tables, with their settings
        List<String> settings = EvaluationMatrix.headline(runA).stream()
                .filter(row -> row.model().equals("natural") && !row.attack().equals(Cell.NATURAL))
                .map(row -> row.attack() + "/" + row.method() + "/" + row.epsilon() + "/" + row.pgdSteps() + "/"
                        + row.stepSize() + "/" + row.randomStart())
                .toList();
        assertEquals(4, settings.size());
        assertEquals(AttackExamples.SHOWN, stored.digits().size());
        for (AttackExamples.Digit digit : stored.digits()) {
            assertEquals(
                    settings,
                    digit.examples().stream()
                            .map(e -> e.attack() + "/" + e.method() + "/" + e.epsilon() + "/" + e.pgdSteps() + "/"
                                    + e.stepSize() + "/" + e.randomStart())
                            .toList());
        }
        // crafted again from the same rows: the same digits, bit for bit (seeded as the evaluation's cells)
        Digits digits = Mnist.load(TestData.data(), Mnist.Split.TEST, 100, conf);
        AttackExamples.Figure again =
                EvaluateJob.figureOne(EvaluationFixture.settings(output, "run-a"), runA, digits, conf);
        assertEquals(stored.digits().size(), again.digits().size());
        for (int d = 0; d < stored.digits().size(); d++) {
            AttackExamples.Digit a = stored.digits().get(d);
            AttackExamples.Digit b = again.digits().get(d);
            assertEquals(a.index(), b.index());
            assertArrayEquals(a.clean(), b.clean());
            for (int e = 0; e < a.examples().size(); e++) {
                assertArrayEquals(
                        a.examples().get(e).adversarial(), b.examples().get(e).adversarial());
                assertArrayEquals(
                        a.examples().get(e).prediction().probabilities(),
                        b.examples().get(e).prediction().probabilities());
            }
        }
    }

    @Test
    void aDirectoryLatDidNotWriteWhereTheExamplesGoStopsTheEvaluationBeforeItStarts() throws IOException {
        Settings settings = EvaluationFixture.settings(output, "run-foreign");
        EvaluationFixture.saveModels(settings, TestData.trainedSmallCnn());
        Path mine = output.resolve("examples/run-foreign/notes.txt");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "mine");
        ConfigError error = assertThrows(
                ConfigError.class,
                () -> EvaluateJob.run(spark, settings, settings.train().modelIds()));
        assertTrue(error.getMessage().contains(mine.getParent().toString()), error.getMessage());
        assertFalse(Files.exists(output.resolve("evaluation/run_id=run-foreign")), "no table rows written");
        assertEquals("mine", Files.readString(mine));
    }

    @Test
    void sparkSumsEqualASingleThreadedPassOverAllDigits() {
        Settings settings = EvaluationFixture.settings(output, "run-a");
        Digits digits = Mnist.load(TestData.data(), Mnist.Split.TEST, 100, new Configuration());
        CellEvaluator evaluator = new CellEvaluator(
                settings.attack(),
                settings.evaluate().pgd(),
                settings.evaluate().apgdT(),
                settings.evaluate().square(),
                20,
                settings.seed());
        CnnInputGradient gradient = CnnInputGradient.of(TestData.trainedSmallCnn());
        for (EvaluationRow row : runA) {
            Cell cell = row.attack().equals("natural")
                    ? Cell.natural(row.modelId())
                    : new Cell(
                            row.modelId(),
                            AttackKind.fromId(row.attack()),
                            AttackMethod.fromId(row.method()),
                            row.epsilon(),
                            row.pgdSteps());
            BatchedAttack.Outcome single = cell.isNatural()
                    ? BatchedAttack.natural(gradient, digits, 20)
                    : BatchedAttack.run(
                            gradient,
                            evaluator.attackOf(cell),
                            digits,
                            20,
                            CellEvaluator.cellSeed(settings.seed(), cell));
            assertEquals(single.inputLossSum(), row.lossSum(), 0.0, cell.toString());
            assertEquals(single.inputCorrect(), row.correct(), cell.toString());
        }
    }

    @Test
    void onANaturalModelEveryAttackRaisesTheLossAndTheStandardAttackBreaksIt() {
        EvaluationMatrix matrix = EvaluationMatrix.of(runA);
        EvaluationRow natural = matrix.cell("natural", "natural").orElseThrow();
        assertTrue(natural.accuracy() > 0.8, "natural accuracy " + natural.accuracy());
        for (AttackKind attack : AttackKind.values()) {
            EvaluationRow attacked = matrix.cell("natural", attack.id()).orElseThrow();
            assertTrue(attacked.loss() > natural.loss(), attack + ": " + attacked.loss() + " vs " + natural.loss());
        }
        EvaluationRow standard = matrix.cell("natural", "standard").orElseThrow();
        assertTrue(
                standard.accuracy() < natural.accuracy() - 0.5,
                "standard " + standard.accuracy() + " vs natural " + natural.accuracy());
    }

    @Test
    void theMatrixPrintsModelsDownAndInputsAcrossInThePapersOrder() {
        EvaluationMatrix matrix = EvaluationMatrix.of(runA);
        assertEquals(List.of("natural", "standard"), matrix.models(), "the paper's order");
        assertEquals(List.of("natural", "standard", "background", "exact-mask", "broad-mask"), matrix.inputs());
        String text = matrix.toText();
        assertTrue(text.contains(String.format("%12.4f", runA.get(0).loss() * 1000)), text);
        assertFalse(text.contains(" - "), text);
    }

    /**
     * The grid runs APGD-T, Square (one cell per epsilon, its queries in the steps column) and the
     * worst case inside its Spark tasks, and the worst case's accuracy is never above any single
     * method's on the same digits.
     */
    @Test
    void theGridRunsApgdTSquareAndTheWorstCaseNeverAboveAnySingleMethod(@TempDir Path own) throws IOException {
        Settings settings = EvaluationFixture.settings(
                own,
                "run-worst",
                String.join(
                        "\n",
                        "lat.train.models = [standard]",
                        "lat.evaluate { attacks = [standard, broad-mask], epsilons = [0.1],",
                        "  methods = [apgd-ce, apgd-t, square, autoattack],",
                        "  pgd.steps = [3], apgd-t.targets = 2, square.queries = 15 }"));
        EvaluationFixture.saveModels(settings, TestData.trainedSmallCnn());
        List<EvaluationRow> rows =
                EvaluateJob.run(spark, settings, settings.train().modelIds());

        assertEquals(1 + 2 * 4, rows.size());
        for (String attack : List.of("standard", "broad-mask")) {
            EvaluationRow worst = cell(rows, "standard", attack, "autoattack", 0.1, 3);
            for (EvaluationRow single : List.of(
                    cell(rows, "standard", attack, "apgd-ce", 0.1, 3),
                    cell(rows, "standard", attack, "apgd-t", 0.1, 3),
                    cell(rows, "standard", attack, "square", 0.1, 15))) {
                assertEquals(100, single.examples());
                assertTrue(
                        worst.correct() <= single.correct(),
                        attack + ": worst case " + worst.correct() + " right, " + single.method() + " "
                                + single.correct());
            }
        }
        // Per digit, the worst case names the attack that first fooled each digit it counts as fooled.
        Map<Integer, Boolean> cleanRight = new HashMap<>();
        List<DigitOutcome> digits = DigitTable.readRun(spark, settings.outputDir(), "run-worst");
        digits.stream().filter(d -> d.attack().equals("natural")).forEach(d -> cleanRight.put(d.digit(), d.correct()));
        List<DigitOutcome> worst =
                digits.stream().filter(d -> d.method().equals("autoattack")).toList();
        assertEquals(200, worst.size());
        for (DigitOutcome d : worst) {
            if (d.brokenBy() != null) {
                assertTrue(Set.of("apgd-ce", "apgd-t", "square").contains(d.brokenBy()), d.toString());
                assertTrue(cleanRight.get(d.digit()) && !d.correct(), d.toString());
            } else {
                assertTrue(d.correct() || !cleanRight.get(d.digit()), d.toString());
            }
        }
    }

    private static EvaluationRow cell(
            List<EvaluationRow> rows, String model, String attack, String method, double epsilon, int steps) {
        return rows.stream()
                .filter(row -> row.model().equals(model)
                        && row.attack().equals(attack)
                        && row.method().equals(method)
                        && row.epsilon() == epsilon
                        && row.pgdSteps() == steps)
                .findFirst()
                .orElseThrow();
    }

    /** Every file under {@code dir} by relative path. */
    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
