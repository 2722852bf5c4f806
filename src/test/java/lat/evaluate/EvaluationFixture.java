package lat.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lat.TestData;
import lat.config.PgdSettings;
import lat.config.Settings;
import lat.core.ModelId;
import lat.io.OutputLayout;
import lat.io.records.CurvePoint;
import lat.io.records.TrainingMetadata;
import lat.model.Cnn;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A small evaluation run for the tests: the committed MNIST slice, 100 test digits in minibatches
 * of 20 over 3 shards (so shards hold 1, 2 and 2 minibatches), a grid of PGD and APGD-CE at
 * epsilons 0.3 and 0.1 with 5 and 2 steps (listed out of order on purpose), two models (natural and standard) that
 * are the same network saved under both names.
 */
public final class EvaluationFixture {
    /** Rows per model: natural inputs, and 4 attacks x 2 methods x 2 epsilons x 2 steps. */
    public static final int ROWS_PER_MODEL = 1 + 4 * 2 * 2 * 2;

    /** The training budget the fixture's metadata records for attacked models. */
    public static final double TRAIN_EPSILON = 0.2;
    /** The training PGD the fixture's metadata records for attacked models. */
    public static final PgdSettings TRAIN_PGD = new PgdSettings(7, 0.05, true);
    /** The training curve the fixture's metadata records: made-up points, for the report to draw. */
    public static final List<CurvePoint> CURVE = List.of(
            new CurvePoint(40, 1.5, 0.6, 2), new CurvePoint(80, 0.6, 0.85, 4), new CurvePoint(120, 0.3, 0.92, 6));

    private EvaluationFixture() {}

    /**
     * The settings of run {@code runId} writing under {@code output}, with {@code hocon} on top.
     */
    public static Settings settings(Path output, String runId, String hocon) {
        return TestData.settings(
                output,
                String.join(
                        "\n",
                        "lat.run-id = \"" + runId + "\"",
                        "lat.evaluate { examples = 100, batch-size = 20, shards = 3, epsilons = [0.3, 0.1],",
                        "               methods = [pgd, apgd-ce],",
                        "               pgd { steps = [5, 2], step-size = 0.1 } }",
                        "lat.train.models = [natural, standard]",
                        "lat.spark.master = \"local[2]\"",
                        hocon));
    }

    public static Settings settings(Path output, String runId) {
        return settings(output, runId, "");
    }

    /** A freshly initialised small CNN, for tests that need models but not trained ones. */
    public static MultiLayerNetwork untrainedCnn() {
        return Cnn.build(TestData.SMALL_CNN, 1e-3, 42);
    }

    /**
     * Saves {@code network} (a {@link TestData#SMALL_CNN}) as each model of {@code settings}, where
     * {@code lat train} would put them, each with a metadata.json: its widths, its real step count,
     * the curve {@link #CURVE}, and for the attacked kinds the training settings {@link #TRAIN_PGD} at
     * {@link #TRAIN_EPSILON},
     * deliberately unlike the evaluation's, so that tests can tell where a column came from.
     */
    public static void saveModels(Settings settings, MultiLayerNetwork network) throws IOException {
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        Configuration conf = new Configuration();
        for (ModelId model : settings.train().modelIds()) {
            ModelStore.save(network, layout.modelFile(model).toString(), conf);
            var kind = model.kind();
            boolean attacked = kind.trainingAttack().isPresent();
            TrainingMetadata metadata = new TrainingMetadata(
                    TrainingMetadata.SCHEMA_VERSION,
                    settings.runId(),
                    kind.id(),
                    model.seed(),
                    attacked ? kind.trainingAttack().get().toString() : "none",
                    new TrainingMetadata.Attack(TRAIN_EPSILON, 0, 6),
                    attacked ? TRAIN_PGD : null,
                    new TrainingMetadata.Training(
                            50, settings.train().learningRate(), 0, "Adam", model.seed(), TestData.SMALL_CNN, 40, null),
                    null,
                    network.getIterationCount(),
                    0,
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    CURVE,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    List.of(),
                    TrainingMetadata.Guard.ON,
                    null,
                    Instant.now().toString(),
                    Map.of());
            metadata.write(layout.metadataFile(model), conf);
        }
    }

    /** Saves {@code network} as the models of run {@code runId} and evaluates them. */
    public static List<EvaluationRow> evaluate(SparkSession spark, Path output, String runId, MultiLayerNetwork network)
            throws IOException {
        return evaluate(spark, settings(output, runId), network);
    }

    /** Saves {@code network} as the models of {@code settings} and evaluates them. */
    public static List<EvaluationRow> evaluate(SparkSession spark, Settings settings, MultiLayerNetwork network)
            throws IOException {
        saveModels(settings, network);
        return EvaluateJob.run(spark, settings, settings.train().modelIds());
    }
}
