package lat.report;

import java.util.ArrayList;
import java.util.List;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ModelKind;
import lat.core.Seeds;
import lat.data.Digits;
import lat.evaluate.Cell;
import lat.evaluate.CellEvaluator;
import lat.evaluate.EvaluationRow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's Figure 1: one test digit under each localized attack, crafted against one model
 * with the attack settings recorded in that model's rows of the evaluation table.
 */
final class AttackExamples {
    private AttackExamples() {
    }

    /** The model's prediction for one image. */
    record Prediction(int digit, double probability) {
    }

    /** One attack's version of the digit. */
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

    /** The clean digit, the model's view of it, and one example per attack row. */
    record Figure(String model, int label, float[] clean, Prediction prediction, List<Example> examples) {
    }

    /**
     * Crafts {@code digit} (one digit) under the attack of each of {@code attackRows} (rows of one
     * model, natural inputs excluded) against {@code network}. PGD is seeded as the evaluation
     * seeds a cell's first minibatch.
     *
     * @param attack the digit threshold and background block of the run ({@code lat.attack});
     *               epsilon and PGD come from the rows
     */
    static Figure craft(MultiLayerNetwork network, String model, Digits digit, List<EvaluationRow> attackRows,
                        AttackSettings attack, long seed) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        INDArray images = digit.images();
        INDArray labels = digit.labelsOneHot();
        List<Example> examples = new ArrayList<>();
        for (EvaluationRow row : attackRows) {
            Cell cell = new Cell(ModelKind.fromId(model), AttackKind.fromId(row.attack()),
                    AttackMethod.fromId(row.method()), row.epsilon(), row.pgdSteps());
            LocalizedAttack localized = new CellEvaluator(attack,
                    new PgdSettings(row.pgdSteps(), row.stepSize(), row.randomStart()), 1, seed).attackOf(cell);
            long cellSeed = CellEvaluator.cellSeed(seed, cell);
            INDArray adversarial = localized.craft(gradient, images, labels, Seeds.of(cellSeed, 0));
            examples.add(new Example(row.attack(), row.epsilon(), adversarial.data().asFloat(),
                    predict(gradient, adversarial)));
        }
        return new Figure(model, digit.labels()[0], digit.pixels(), predict(gradient, images), examples);
    }

    private static Prediction predict(CnnInputGradient gradient, INDArray image) {
        INDArray probabilities = gradient.probabilities(image);
        int digit = probabilities.argMax(1).getInt(0);
        return new Prediction(digit, probabilities.getDouble(0, digit));
    }
}
