package lat.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.evaluate.Cell;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.findings.CellOutcomes;
import lat.findings.CellSummary;
import lat.findings.Outcomes;
import lat.stats.Bootstrap;
import lat.stats.Interval;
import lat.stats.Proportions;

/**
 * The interval the report shows beside each number (docs/design.md, "Statistics and verdicts"):
 * from the per-digit outcomes when the run has them ({@link CellSummary}: over seeds with several,
 * else over digits); else, for accuracy only, Wilson over the row's digits from its exact count.
 */
final class CellIntervals {
    private final Map<String, Interval> accuracy = new HashMap<>();
    private final Map<String, Interval> loss = new HashMap<>();
    private final Bootstrap bootstrap;

    private CellIntervals(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * The intervals of every cell of the matrix. A row that stands for one replicate of its kind (the
     * matrix shows model ids when the run has several training seeds) gets its own seed's interval over
     * digits; a row that stands for its kind gets the interval over all its seeds.
     */
    static CellIntervals of(EvaluationMatrix matrix, Optional<Outcomes> outcomes, Bootstrap bootstrap) {
        CellIntervals intervals = new CellIntervals(bootstrap);
        for (String model : matrix.models()) {
            for (String input : matrix.inputs()) {
                matrix.cell(model, input).ifPresent(row -> {
                    boolean replicate = !model.equals(row.model());
                    Optional<List<CellOutcomes>> digits = outcomes.flatMap(o -> o.cell(row.model(), input))
                            .map(seeds -> seeds.stream()
                                    .filter(cell -> !replicate || cell.trainSeed() == row.trainSeed())
                                    .toList())
                            .filter(seeds -> !seeds.isEmpty());
                    if (digits.isPresent()) {
                        CellSummary summary = CellSummary.of(digits.get(), bootstrap);
                        intervals.accuracy.put(key(row), summary.accuracy());
                        intervals.loss.put(key(row), summary.loss());
                    } else {
                        intervals.accuracy.put(key(row), intervals.wilson(row));
                    }
                });
            }
        }
        return intervals;
    }

    /** Wilson over the row's digits, from its exact count. */
    Interval wilson(EvaluationRow row) {
        return Proportions.wilson(row.correct(), row.examples(), bootstrap.level());
    }

    Optional<Interval> accuracy(EvaluationRow row) {
        return Optional.ofNullable(accuracy.get(key(row)));
    }

    /** The loss interval as the paper shows the loss (natural inputs x1000). */
    Optional<Interval> paperScaledLoss(EvaluationRow row) {
        double scale = Cell.NATURAL.equals(row.attack()) ? EvaluationMatrix.NATURAL_LOSS_SCALE : 1;
        return Optional.ofNullable(loss.get(key(row)))
                .map(i -> new Interval(i.estimate() * scale, i.lower() * scale, i.upper() * scale, i.level()));
    }

    /** "[lo, hi]" in three significant digits, as the heat maps and tables show it. */
    static String format(Interval interval) {
        return String.format("[%.3g, %.3g]", interval.lower(), interval.upper());
    }

    private static String key(EvaluationRow row) {
        return row.modelId().id() + "\u0000" + row.attack();
    }
}
