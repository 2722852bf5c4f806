package lat.report;

import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 2 (Rothberg, Chen, Ji; docs/design.md): cross-entropy loss of each model (rows) on
 * each input (columns), the natural-input loss multiplied by 1000. The paper gives no accuracies.
 */
final class PaperNumbers {
    static final List<String> MODELS = List.of("natural", "standard", "background", "exact-mask", "broad-mask");
    static final List<String> INPUTS = List.of("natural", "standard", "background", "exact-mask", "broad-mask");

    private static final Map<String, double[]> LOSS = Map.of(
            "natural", new double[] {41.4, 68.1896, 61.7994, 40.1892, 25.2439},
            "standard", new double[] {57.9, 0.266, 0.2079, 0.0581, 0.058},
            "background", new double[] {39.6, 0.5466, 0.2272, 0.0403, 0.0399},
            "exact-mask", new double[] {42, 15.1989, 9.5766, 0.0701, 0.0474},
            "broad-mask", new double[] {38.7, 23.6828, 16.0611, 0.4276, 0.0808});

    private PaperNumbers() {
    }

    /** The paper's loss for {@code model} on {@code input} as printed (natural inputs x1000); NaN if it has none. */
    static double loss(String model, String input) {
        double[] row = LOSS.get(model);
        int column = INPUTS.indexOf(input);
        return row == null || column < 0 ? Double.NaN : row[column];
    }
}
