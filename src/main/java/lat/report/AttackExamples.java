package lat.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.Images;
import lat.core.ModelKind;
import lat.core.Seeds;
import lat.data.Digits;
import lat.evaluate.Cell;
import lat.evaluate.CellEvaluator;
import lat.evaluate.EvaluationRow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's Figure 1, made to show attacks succeeding: test digits under each localized attack,
 * crafted against one model with the attack settings of that model's rows of the evaluation table.
 * Of the candidate digits the model classifies correctly, those fooled by the most attacks are shown.
 */
final class AttackExamples {
    /** Digits shown. */
    static final int SHOWN = 3;

    private AttackExamples() {
    }

    /** The model's prediction for one image. */
    record Prediction(int digit, double probability) {
    }

    /** One attack's version of a digit. */
    record Example(String attack, double epsilon, float[] adversarial, Prediction prediction) {
        /** Adversarial minus clean, per pixel. */
        float[] perturbation(float[] clean) {
            float[] delta = new float[clean.length];
            for (int i = 0; i < clean.length; i++) {
                delta[i] = adversarial[i] - clean[i];
            }
            return delta;
        }
    }

    /** One digit: its index in the test set, label, the clean image, the model's view of it, one example per attack. */
    record Shown(int index, int label, float[] clean, Prediction prediction, List<Example> examples) {
        /** Attacks that changed a correct prediction. */
        long fooledBy() {
            return prediction.digit() != label ? 0
                    : examples.stream().filter(example -> example.prediction().digit() != label).count();
        }
    }

    /** The model the digits were attacked against, and the digits shown. */
    record Figure(String model, int candidates, List<Shown> digits) {
    }

    /**
     * Crafts each of {@code candidates} under the attack of each of {@code attackRows} (rows of one
     * model, natural inputs excluded) against {@code network}, as the evaluation crafts a cell's first
     * minibatch, and keeps the {@value #SHOWN} digits fooled by the most attacks (the first ones on ties).
     *
     * @param attack the digit threshold and background block of the run ({@code lat.attack});
     *               method, epsilon and PGD come from the rows
     */
    static Figure craft(MultiLayerNetwork network, String model, Digits candidates, List<EvaluationRow> attackRows,
                        AttackSettings attack, long seed) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        INDArray images = candidates.images();
        INDArray labels = candidates.labelsOneHot();
        int n = candidates.size();
        List<List<Example>> examples = IntStream.range(0, n).mapToObj(i -> (List<Example>) new ArrayList<Example>())
                .toList();
        for (EvaluationRow row : attackRows) {
            Cell cell = new Cell(ModelKind.fromId(model), AttackKind.fromId(row.attack()),
                    AttackMethod.fromId(row.method()), row.epsilon(), row.pgdSteps());
            LocalizedAttack localized = new CellEvaluator(attack,
                    new PgdSettings(row.pgdSteps(), row.stepSize(), row.randomStart()), n, seed).attackOf(cell);
            INDArray adversarial = localized.craft(gradient, images, labels, Seeds.of(CellEvaluator.cellSeed(seed, cell), 0));
            List<Prediction> predictions = predict(gradient, adversarial);
            float[] pixels = adversarial.data().asFloat();
            for (int i = 0; i < n; i++) {
                examples.get(i).add(new Example(row.attack(), row.epsilon(), image(pixels, i), predictions.get(i)));
            }
        }
        List<Prediction> clean = predict(gradient, images);
        float[] cleanPixels = candidates.pixels();
        List<Shown> digits = IntStream.range(0, n).mapToObj(i -> new Shown(i, candidates.labels()[i],
                image(cleanPixels, i), clean.get(i), examples.get(i))).toList();
        return new Figure(model, n, digits.stream().sorted(Comparator.comparingLong(Shown::fooledBy).reversed()
                .thenComparingInt(Shown::index)).limit(SHOWN).toList());
    }

    private static float[] image(float[] pixels, int i) {
        float[] image = new float[Images.PIXELS];
        System.arraycopy(pixels, i * Images.PIXELS, image, 0, Images.PIXELS);
        return image;
    }

    private static List<Prediction> predict(CnnInputGradient gradient, INDArray images) {
        INDArray probabilities = gradient.probabilities(images);
        INDArray digits = probabilities.argMax(1);
        return IntStream.range(0, (int) images.size(0)).mapToObj(i -> new Prediction(digits.getInt(i),
                probabilities.getDouble(i, digits.getInt(i)))).toList();
    }
}
