package lat.findings;

/**
 * One model's outcomes on one input, for one training seed, digit by digit: index i of both arrays
 * is the same test digit in every cell of a run (the neutral form the verdicts read; the evaluation's
 * per-digit rows map onto it).
 *
 * @param input   {@value Comparison#NATURAL} or an attack's id
 * @param correct whether each digit was classified correctly
 * @param loss    each digit's cross-entropy (natural log)
 */
public record CellOutcomes(String model, String input, long trainSeed, boolean[] correct, double[] loss) {
    public CellOutcomes {
        if (model == null || input == null) {
            throw new IllegalArgumentException("a cell needs a model and an input");
        }
        if (correct.length == 0 || correct.length != loss.length) {
            throw new IllegalArgumentException("cell " + model + " on " + input + ": " + correct.length
                    + " outcomes and " + loss.length + " losses, expected the same number > 0");
        }
        for (double value : loss) {
            if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(
                        "cell " + model + " on " + input + ": a loss must be finite and >= 0, got " + value);
            }
        }
    }

    /** The digits' values of {@code metric}: 1 or 0 for accuracy. */
    double[] values(Metric metric) {
        if (metric == Metric.LOSS) {
            return loss.clone();
        }
        double[] values = new double[correct.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = correct[i] ? 1 : 0;
        }
        return values;
    }
}
