package lat.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ModelId;
import lat.core.ModelKind;

/**
 * One run's rows arranged as the paper's Figure 2: models down, inputs (natural, then the attacks)
 * across, in the order of the paper; of a grid of several methods, epsilons or steps, one slice
 * ({@link #headline}). Printed by {@code lat evaluate}, rendered by the report.
 */
public final class EvaluationMatrix {
    /** The paper reports the natural-input loss multiplied by this. */
    public static final double NATURAL_LOSS_SCALE = 1000;

    private final List<String> models;
    private final List<String> inputs;
    private final Map<String, EvaluationRow> cells = new LinkedHashMap<>();
    private final String slice;

    private EvaluationMatrix(List<EvaluationRow> all) {
        List<EvaluationRow> rows = headline(all);
        slice = rows.stream()
                .filter(row -> !Cell.NATURAL.equals(row.attack()))
                .findFirst()
                .map(row -> row.method() + ", epsilon " + row.epsilon() + ", " + row.pgdSteps() + " steps")
                .orElse("natural inputs only");
        Function<EvaluationRow, String> label = modelLabel(all);
        for (EvaluationRow row : rows) {
            if (cells.put(key(label.apply(row), row.attack()), row) != null) {
                throw new IllegalArgumentException(
                        "two rows for model " + label.apply(row) + ", input " + row.attack());
            }
        }
        models = ordered(rows.stream().map(label).toList(), EvaluationMatrix::modelRank);
        inputs = ordered(rows.stream().map(EvaluationRow::attack).toList(), EvaluationMatrix::inputRank);
    }

    /**
     * How tables name the model of a row: its kind ({@code background}) when {@code rows} hold one
     * training seed per kind, else its model id ({@code background-seed2}), so that replicates are
     * shown side by side and never mixed.
     */
    public static Function<EvaluationRow, String> modelLabel(List<EvaluationRow> rows) {
        long kinds = rows.stream().map(EvaluationRow::model).distinct().count();
        long models = rows.stream()
                .map(row -> row.model() + "\u0000" + row.trainSeed())
                .distinct()
                .count();
        return models > kinds ? row -> row.modelId().id() : EvaluationRow::model;
    }

    /** The matrix of the headline slice of {@code rows} (see {@link #headline}), at most one per (model, input). */
    public static EvaluationMatrix of(List<EvaluationRow> rows) {
        return new EvaluationMatrix(rows);
    }

    /**
     * The rows of the grid that the paper's 5 x 5 table stands for: natural inputs, and the attacks by
     * the worst case per digit ({@code autoattack}) where it was computed, else by PGD (else the first
     * method by name), with the most steps, at the evaluated epsilon nearest the
     * models' training epsilon (the largest {@code train_epsilon}; ties go to the larger epsilon;
     * the largest epsilon when no model was trained adversarially). The paper trains and evaluates at
     * the same epsilon. (The worst case's accuracy is AutoAttack's robust accuracy; its loss is the
     * cross-entropy at the points that fooled each digit, so it is not PGD's loss of the paper.)
     */
    public static List<EvaluationRow> headline(List<EvaluationRow> rows) {
        List<EvaluationRow> attacked =
                rows.stream().filter(row -> !Cell.NATURAL.equals(row.attack())).toList();
        if (attacked.isEmpty()) {
            return rows;
        }
        List<String> methods =
                attacked.stream().map(EvaluationRow::method).distinct().sorted().toList();
        String method = methods.contains(AttackMethod.AUTOATTACK.id())
                ? AttackMethod.AUTOATTACK.id()
                : methods.contains(AttackMethod.PGD.id()) ? AttackMethod.PGD.id() : methods.get(0);
        List<EvaluationRow> byMethod =
                attacked.stream().filter(row -> row.method().equals(method)).toList();
        int steps = byMethod.stream().mapToInt(EvaluationRow::pgdSteps).max().orElseThrow();
        double trained =
                rows.stream().mapToDouble(row -> row.training().epsilon()).max().orElse(0);
        double epsilon = byMethod.stream()
                .map(EvaluationRow::epsilon)
                .distinct()
                .min(Comparator.<Double>comparingDouble(eps -> trained > 0 ? Math.abs(eps - trained) : -eps)
                        .thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
        return rows.stream()
                .filter(row -> Cell.NATURAL.equals(row.attack())
                        || row.method().equals(method) && row.pgdSteps() == steps && row.epsilon() == epsilon)
                .toList();
    }

    /** Which attacked rows the matrix shows, e.g. {@code pgd, epsilon 0.3, 40 steps}. */
    public String slice() {
        return slice;
    }

    public List<String> models() {
        return models;
    }

    /** {@code natural} first, then the attacks in the paper's order. */
    public List<String> inputs() {
        return inputs;
    }

    public Optional<EvaluationRow> cell(String model, String input) {
        return Optional.ofNullable(cells.get(key(model, input)));
    }

    /** The loss as the paper shows it: natural-input loss times {@value #NATURAL_LOSS_SCALE}. */
    public static double paperScaledLoss(EvaluationRow row) {
        return Cell.NATURAL.equals(row.attack()) ? row.loss() * NATURAL_LOSS_SCALE : row.loss();
    }

    /** The loss and accuracy matrices as plain text, for the console. */
    public String toText() {
        return table(
                        "loss (cross-entropy; natural inputs x1000; attacks: " + slice + ")",
                        EvaluationMatrix::paperScaledLoss)
                + "\n" + table("accuracy", EvaluationRow::accuracy);
    }

    private String table(String title, ToDoubleFunction<EvaluationRow> value) {
        StringBuilder text = new StringBuilder(title).append('\n');
        text.append(String.format("%-12s", "model"));
        inputs.forEach(input -> text.append(String.format("%12s", input)));
        text.append('\n');
        for (String model : models) {
            text.append(String.format("%-12s", model));
            for (String input : inputs) {
                text.append(cell(model, input)
                        .map(row -> String.format("%12.4f", value.applyAsDouble(row)))
                        .orElse(String.format("%12s", "-")));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String key(String model, String input) {
        return model + "\u0000" + input;
    }

    /** The distinct {@code names} by {@code rank}, then by name. */
    static List<String> ordered(List<String> names, ToDoubleFunction<String> rank) {
        List<String> distinct = new ArrayList<>(names.stream().distinct().toList());
        distinct.sort(Comparator.comparingDouble(rank).thenComparing(Comparator.naturalOrder()));
        return distinct;
    }

    /** Known models (kinds or model ids) in the paper's order, replicates by seed; any other name after them. */
    public static double modelRank(String model) {
        for (ModelKind kind : ModelKind.values()) {
            if (kind.id().equals(model)) {
                return kind.ordinal();
            }
        }
        try {
            ModelId id = ModelId.parse(model);
            // within a kind, by seed: a fraction of the kind's rank that grows with the seed
            return id.kind().ordinal() + 0.5 + Math.atan(id.seed()) / Math.PI;
        } catch (IllegalArgumentException notAModelId) {
            return Double.MAX_VALUE;
        }
    }

    /** Natural inputs first, then the attacks in the paper's order; any other name after them. */
    static double inputRank(String input) {
        if (Cell.NATURAL.equals(input)) {
            return -1;
        }
        for (AttackKind kind : AttackKind.values()) {
            if (kind.id().equals(input)) {
                return kind.ordinal();
            }
        }
        return Double.MAX_VALUE;
    }
}
