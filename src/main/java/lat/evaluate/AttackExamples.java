package lat.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.EvaluateSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Images;
import lat.core.ModelKind;
import lat.core.Seeds;
import lat.data.Digits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's Figure 1, made to show attacks succeeding: test digits under each localized attack,
 * crafted by the evaluation against one model with the attack settings of that model's rows of the
 * evaluation table, and stored beside the table ({@link ExamplesFile}) for the report to draw.
 * Of the candidate digits the model classifies correctly, those fooled by the most attacks are shown.
 */
public final class AttackExamples {
    /** Digits shown. */
    public static final int SHOWN = 3;
    /** Test digits searched for examples of attacks that succeed: the first ones evaluated. */
    public static final int CANDIDATES = 100;

    private AttackExamples() {}

    /** The model's view of one image: the digit it predicts and the probability of each of the ten. */
    public record Prediction(int digit, float[] probabilities) {
        /** The predicted digit's probability. */
        public float probability() {
            return probabilities[digit];
        }
    }

    /** One attack's version of a digit, with the settings of the table's row it was crafted with. */
    public record Example(
            String attack,
            String method,
            double epsilon,
            int pgdSteps,
            double stepSize,
            boolean randomStart,
            float[] adversarial,
            Prediction prediction) {
        /** Adversarial minus clean, per pixel. */
        public float[] perturbation(float[] clean) {
            float[] delta = new float[clean.length];
            for (int i = 0; i < clean.length; i++) {
                delta[i] = adversarial[i] - clean[i];
            }
            return delta;
        }
    }

    /** One test digit: its index in the test set, label, clean pixels, the model's view of it, one example per attack. */
    public record Digit(int index, int label, float[] clean, Prediction prediction, List<Example> examples) {
        /** Attacks that changed a correct prediction. */
        long fooledBy() {
            return prediction.digit() != label
                    ? 0
                    : examples.stream()
                            .filter(example -> example.prediction().digit() != label)
                            .count();
        }
    }

    /**
     * What the report shows as Figure 1.
     *
     * @param runId       the run evaluated
     * @param model       the model attacked
     * @param modelSha256 its file's SHA-256, as in the evaluation table's rows
     * @param evaluatedAt the evaluation's {@code created_at} (ISO-8601), as in the table's rows
     * @param candidates  the first test digits searched
     * @param digits      the {@value #SHOWN} digits shown (fewer when fewer were searched)
     */
    public record Figure(
            String runId, String model, String modelSha256, String evaluatedAt, int candidates, List<Digit> digits) {}

    /**
     * The model Figure 1 attacks: the natural one (the paper's Figure 1 shows attacks on an
     * undefended network), or the first of {@code models} when there is none.
     */
    public static String modelShown(List<String> models) {
        return models.contains(ModelKind.NATURAL.id()) ? ModelKind.NATURAL.id() : models.get(0);
    }

    /**
     * Crafts each of {@code candidates} under the attack of each of {@code attackRows} (rows of one
     * model, natural inputs excluded) against {@code network}, as the evaluation crafts a cell's first
     * minibatch, and keeps the {@value #SHOWN} digits fooled by the most attacks (the first ones on ties).
     *
     * @param attack the digit threshold and background block of the run ({@code lat.attack});
     *               method, epsilon and PGD come from the rows
     * @param evaluate the run's APGD-T and Square settings ({@code lat.evaluate})
     * @param seed   the run's seed ({@code lat.seed})
     */
    public static List<Digit> craft(
            MultiLayerNetwork network,
            Digits candidates,
            List<EvaluationRow> attackRows,
            AttackSettings attack,
            EvaluateSettings evaluate,
            long seed) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        INDArray images = candidates.images();
        INDArray labels = candidates.labelsOneHot();
        int n = candidates.size();
        List<List<Example>> examples = IntStream.range(0, n)
                .mapToObj(i -> (List<Example>) new ArrayList<Example>())
                .toList();
        for (EvaluationRow row : attackRows) {
            Cell cell = new Cell(
                    row.modelId(),
                    AttackKind.fromId(row.attack()),
                    AttackMethod.fromId(row.method()),
                    row.epsilon(),
                    row.pgdSteps());
            LocalizedAttack localized = new CellEvaluator(
                            attack,
                            new PgdSettings(row.pgdSteps(), row.stepSize(), row.randomStart()),
                            evaluate.apgdT(),
                            evaluate.square(),
                            n,
                            seed)
                    .attackOf(cell);
            INDArray adversarial =
                    localized.craft(gradient, images, labels, Seeds.of(CellEvaluator.cellSeed(seed, cell), 0));
            List<Prediction> predictions = predict(gradient, adversarial);
            float[] pixels = adversarial.data().asFloat();
            for (int i = 0; i < n; i++) {
                examples.get(i)
                        .add(new Example(
                                row.attack(),
                                row.method(),
                                row.epsilon(),
                                row.pgdSteps(),
                                row.stepSize(),
                                row.randomStart(),
                                image(pixels, i),
                                predictions.get(i)));
            }
        }
        List<Prediction> clean = predict(gradient, images);
        float[] cleanPixels = candidates.pixels();
        return shown(IntStream.range(0, n)
                .mapToObj(
                        i -> new Digit(i, candidates.labels()[i], image(cleanPixels, i), clean.get(i), examples.get(i)))
                .toList());
    }

    /**
     * Of {@code candidates}, the {@value #SHOWN} the model classifies correctly that the most attacks
     * fool, the lowest index first on ties (then misclassified ones, by index, when too few are correct).
     */
    static List<Digit> shown(List<Digit> candidates) {
        return candidates.stream()
                .sorted(Comparator.comparingLong(Digit::fooledBy).reversed().thenComparingInt(Digit::index))
                .limit(SHOWN)
                .toList();
    }

    private static float[] image(float[] pixels, int i) {
        float[] image = new float[Images.PIXELS];
        System.arraycopy(pixels, i * Images.PIXELS, image, 0, Images.PIXELS);
        return image;
    }

    private static List<Prediction> predict(CnnInputGradient gradient, INDArray images) {
        INDArray probabilities = gradient.probabilities(images);
        INDArray digits = probabilities.argMax(1);
        return IntStream.range(0, (int) images.size(0))
                .mapToObj(i ->
                        new Prediction(digits.getInt(i), probabilities.getRow(i).toFloatVector()))
                .toList();
    }
}
