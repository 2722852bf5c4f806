package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lat.TestData;
import lat.config.Settings;
import lat.core.BuildInfo;
import lat.core.DataError;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.io.OutputLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation table as analysts' tools see it: the Parquet types in the files, the provenance
 * columns, run ids that look like numbers. The table it writes stays in {@link #FIXTURE} for the
 * notebook check of .ci/run (src/test/python/check_notebook.py).
 */
@Tag("slow")
class AnalystTableTest {
    /** Under target/, so that a build starts from nothing; .ci/run's notebook step reads it. */
    static final Path FIXTURE = Path.of("target", "notebook-fixture");
    /** A run id as Airflow's {@code ts_nodash} makes them; Hive partition inference reads it as a number. */
    static final String AIRFLOW_RUN = "20261126T000000";
    /** A second run, all digits, evaluated with an untrained network. */
    static final String NUMERIC_RUN = "2024";

    @TempDir
    static Path scratch;

    static SparkSession spark;
    static List<EvaluationRow> rows;

    @BeforeAll
    static void writeTheFixtureTable() throws IOException {
        if (Files.exists(FIXTURE)) {
            try (Stream<Path> walk = Files.walk(FIXTURE)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        spark = TestData.spark();
        rows = EvaluationFixture.evaluate(spark, FIXTURE, AIRFLOW_RUN, TestData.trainedSmallCnn());
        EvaluationFixture.evaluate(spark, FIXTURE, NUMERIC_RUN, EvaluationFixture.untrainedCnn());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void createdAtIsAnInt64MicrosecondTimestampInUtcNotInt96() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURE.resolve("evaluation"))) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
        assertEquals(2, files.size(), "one file per run: " + files);
        for (Path file : files) {
            MessageType schema;
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toAbsolutePath().toString()), new Configuration()))) {
                schema = reader.getFooter().getFileMetaData().getSchema();
            }
            PrimitiveType createdAt = schema.getType("created_at").asPrimitiveType();
            assertEquals(PrimitiveTypeName.INT64, createdAt.getPrimitiveTypeName(), file.toString());
            assertEquals(
                    LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
                    createdAt.getLogicalTypeAnnotation(),
                    file.toString());
            assertTrue(
                    schema.getColumns().stream()
                            .noneMatch(c -> c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT96),
                    schema::toString);
            assertFalse(
                    schema.containsField("run_id"), "Hive layout: the partition column lives in the directory name");
        }
        // Spark reads it back as the instant it wrote.
        Set<java.time.Instant> created = EvaluationTable.readRun(spark, FIXTURE.toString(), AIRFLOW_RUN).stream()
                .map(EvaluationRow::createdAt)
                .collect(Collectors.toSet());
        assertEquals(Set.of(rows.get(0).createdAt()), created);
    }

    @Test
    void provenanceColumnsComeFromEachModelsMetadataNotFromTheEvaluateConfiguration() {
        List<EvaluationRow> read = EvaluationTable.readRun(spark, FIXTURE.toString(), AIRFLOW_RUN);
        assertEquals(2 * EvaluationFixture.ROWS_PER_MODEL, read.size());
        Settings evaluation = EvaluationFixture.settings(FIXTURE, AIRFLOW_RUN);
        for (EvaluationRow row : read) {
            TrainingProvenance training = row.training();
            assertEquals(
                    List.of(8, 16, 64),
                    List.of(training.conv1Channels(), training.conv2Channels(), training.denseUnits()),
                    "the small CNN's widths, not the configuration's " + evaluation.model());
            assertEquals(TestData.trainedSmallCnn().getIterationCount(), training.steps());
            assertEquals(120, training.steps(), "3 epochs of 40 minibatches");
            if (row.model().equals("natural")) {
                assertEquals(0.0, training.epsilon(), row.toString());
                assertEquals(0, training.pgdSteps(), row.toString());
            } else {
                assertEquals(EvaluationFixture.TRAIN_EPSILON, training.epsilon(), row.toString());
                assertNotEquals(evaluation.attack().epsilon(), training.epsilon());
                assertEquals(EvaluationFixture.TRAIN_PGD.steps(), training.pgdSteps(), row.toString());
            }
            assertEquals(BuildInfo.codeVersion(), row.codeVersion());
            assertTrue(
                    row.codeVersion().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?(\\+[0-9a-f]{7,}(\\.dirty)?)?"),
                    row.codeVersion());
            if (Files.exists(Path.of(".git"))) {
                assertTrue(row.codeVersion().contains("+"), "built from git, so the commit: " + row.codeVersion());
            }
            assertTrue(row.nd4jBackend().startsWith("nd4j-native:"), row.nd4jBackend());
        }
    }

    @Test
    void runIdsThatLookLikeNumbersReadBackAsStrings() {
        var table = EvaluationTable.read(spark, FIXTURE.toString());
        assertEquals(DataTypes.StringType, table.schema().apply("run_id").dataType());
        assertEquals(
                Set.of(AIRFLOW_RUN, NUMERIC_RUN),
                table.select("run_id").distinct().collectAsList().stream()
                        .map(row -> row.getString(0))
                        .collect(Collectors.toSet()));
        assertEquals(
                2 * EvaluationFixture.ROWS_PER_MODEL,
                EvaluationTable.readRun(spark, FIXTURE.toString(), NUMERIC_RUN).size());
    }

    @Test
    void aModelWithoutMetadataIsADataErrorNamingTheFileAndNothingIsWritten() throws IOException {
        Settings settings = EvaluationFixture.settings(scratch, "no-metadata");
        EvaluationFixture.saveModels(settings, EvaluationFixture.untrainedCnn());
        Path metadata = Path.of(new OutputLayout(settings.outputDir(), settings.runId())
                .metadataFile(new ModelId(ModelKind.STANDARD, 42))
                .toString());
        Files.delete(metadata);
        DataError error = assertThrows(
                DataError.class,
                () -> EvaluateJob.run(spark, settings, settings.train().modelIds()));
        assertTrue(error.getMessage().contains(metadata.toString()), error.getMessage());
        assertFalse(Files.exists(scratch.resolve("evaluation")), "nothing written");
    }
}
