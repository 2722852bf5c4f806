package lat.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import lat.core.AttackMethod;

/**
 * A run's robustness curves for one attack method: accuracy against epsilon, for each attack and
 * model, at the method's largest number of steps; epsilon 0 is the model on natural inputs.
 * Printed by {@code lat evaluate}, drawn by the report.
 *
 * @param method    the method ({@code pgd})
 * @param steps     its steps
 * @param models    in the paper's order
 * @param attacks   in the paper's order
 * @param epsilons  ascending, 0 (natural inputs) first
 * @param rows      the rows drawn, by model, input and epsilon ({@link #row})
 */
public record RobustnessCurves(
        String method,
        int steps,
        List<String> models,
        List<String> attacks,
        List<Double> epsilons,
        Map<String, EvaluationRow> rows) {

    /** One set of curves per method of {@code rows}: PGD (the paper's) first, then the others by name. */
    public static List<RobustnessCurves> of(List<EvaluationRow> rows) {
        Function<EvaluationRow, String> label = EvaluationMatrix.modelLabel(rows);
        List<String> models = EvaluationMatrix.ordered(rows.stream().map(label).toList(), EvaluationMatrix::modelRank);
        List<String> attacks = EvaluationMatrix.ordered(
                rows.stream()
                        .map(EvaluationRow::attack)
                        .filter(input -> !Cell.NATURAL.equals(input))
                        .toList(),
                EvaluationMatrix::inputRank);
        Map<String, List<EvaluationRow>> byMethod = rows.stream()
                .filter(row -> !Cell.NATURAL.equals(row.attack()))
                .collect(Collectors.groupingBy(
                        EvaluationRow::method,
                        () -> new TreeMap<>(
                                Comparator.comparing((String method) -> !method.equals(AttackMethod.PGD.id()))
                                        .thenComparing(Comparator.naturalOrder())),
                        Collectors.toList()));
        List<RobustnessCurves> curves = new ArrayList<>();
        byMethod.forEach((method, attacked) -> {
            int steps =
                    attacked.stream().mapToInt(EvaluationRow::pgdSteps).max().orElseThrow();
            List<EvaluationRow> kept = new ArrayList<>(rows.stream()
                    .filter(row -> Cell.NATURAL.equals(row.attack()))
                    .toList());
            attacked.stream().filter(row -> row.pgdSteps() == steps).forEach(kept::add);
            List<Double> epsilons = kept.stream()
                    .map(EvaluationRow::epsilon)
                    .distinct()
                    .sorted()
                    .toList();
            curves.add(new RobustnessCurves(
                    method,
                    steps,
                    models,
                    attacks,
                    epsilons,
                    kept.stream()
                            .collect(Collectors.toMap(
                                    row -> key(label.apply(row), row.attack(), row.epsilon()), Function.identity()))));
        });
        return curves;
    }

    /** The row of {@code model} under {@code attack} at {@code epsilon}; at epsilon 0, on natural inputs. */
    public Optional<EvaluationRow> row(String model, String attack, double epsilon) {
        return Optional.ofNullable(rows.get(epsilon == 0 ? key(model, Cell.NATURAL, 0) : key(model, attack, epsilon)));
    }

    /** The accuracies as plain text: one table per attack, models down, epsilons across. */
    public String toText() {
        StringBuilder text = new StringBuilder(
                "accuracy against epsilon (" + method + ", " + steps + " steps; epsilon 0: natural inputs)\n");
        for (String attack : attacks) {
            text.append(String.format("%-12s", attack));
            epsilons.forEach(eps -> text.append(String.format("%9s", "eps " + eps)));
            text.append('\n');
            for (String model : models) {
                text.append(String.format("  %-10s", model));
                epsilons.forEach(eps -> text.append(row(model, attack, eps)
                        .map(row -> String.format("%9.4f", row.accuracy()))
                        .orElse(String.format("%9s", "-"))));
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String key(String model, String input, double epsilon) {
        return model + "\u0000" + input + "\u0000" + epsilon;
    }
}
