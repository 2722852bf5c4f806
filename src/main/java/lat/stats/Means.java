package lat.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/** The mean of a sample, its standard deviation and its Student t interval. */
public final class Means {
    private Means() {}

    public static double mean(double[] values) {
        requireAtLeast(values, 1);
        return Arrays.stream(values).sum() / values.length;
    }

    /** The sample standard deviation (divisor n - 1). */
    public static double sd(double[] values) {
        requireAtLeast(values, 2);
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }

    /**
     * The Student t interval of the mean: mean +- t(n - 1) * sd / sqrt(n). Assumes the values are
     * independent and their mean roughly normal (many digits; or few seeds of a roughly normal quantity).
     */
    public static Interval t(double[] values, double level) {
        requireAtLeast(values, 2);
        double mean = mean(values);
        double quantile = new TDistribution(values.length - 1)
                .inverseCumulativeProbability(1 - (1 - Interval.checkLevel(level)) / 2);
        double half = quantile * sd(values) / Math.sqrt(values.length);
        return new Interval(mean, mean - half, mean + half, level);
    }

    private static void requireAtLeast(double[] values, int n) {
        if (values.length < n) {
            throw new IllegalArgumentException("needs at least " + n + " values, got " + values.length);
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("needs finite values, got " + value);
            }
        }
    }
}
