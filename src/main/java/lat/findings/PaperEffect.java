package lat.findings;

/** The paper's mean of a metric in a cell (its Figure 2 for loss, natural inputs not scaled), NaN where it has none. */
@FunctionalInterface
public interface PaperEffect {
    double mean(Metric metric, String model, String input);
}
