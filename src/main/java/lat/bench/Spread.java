package lat.bench;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A measured figure over several repetitions: the median, with the smallest and largest value
 * as its spread. Every number the benchmark reports is one of these, never a single timing.
 */
public record Spread(double median, double min, double max) {

    /** The spread of {@code values} (at least one). */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }

    /** The spread of {@code f} applied to each value; a decreasing {@code f} (a rate from seconds) swaps the ends. */
    public Spread map(DoubleUnaryOperator f) {
        double a = f.applyAsDouble(min);
        double b = f.applyAsDouble(max);
        return new Spread(f.applyAsDouble(median), Math.min(a, b), Math.max(a, b));
    }

    /** The rate {@code work / seconds} of timings in seconds. */
    public Spread rate(double work) {
        return map(seconds -> work / seconds);
    }
}
