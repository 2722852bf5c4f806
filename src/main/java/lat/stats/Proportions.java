package lat.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Intervals for a proportion (an accuracy: digits classified correctly of digits evaluated). */
public final class Proportions {
    private Proportions() {}

    /**
     * The Wilson score interval of {@code successes} out of {@code trials}: unlike the normal
     * approximation it stays inside [0, 1] and does not collapse at 0 or 1 (an accuracy of 1.000 on
     * 1,000 digits is [0.9962, 1] at 95%, not [1, 1]).
     */
    public static Interval wilson(long successes, long trials, double level) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("Wilson's interval needs 0 <= successes <= trials and trials > 0, got "
                    + successes + " of " + trials);
        }
        double z = normalQuantile(level);
        double p = (double) successes / trials;
        double z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / trials + z2n / (4.0 * trials));
        // at 0 and at 1 an end is exactly 0 or 1 (the formula leaves rounding dust such as 3e-18)
        double lower = successes == 0 ? 0 : centre - half;
        double upper = successes == trials ? 1 : centre + half;
        return new Interval(p, lower, upper, level);
    }

    /**
     * Newcombe's hybrid score interval (his method 10) for the difference of two independent
     * proportions, a / n - b / m, from their Wilson intervals. For two cells on the same digits it
     * ignores the pairing: when the cells' outcomes are positively correlated (a hard digit is hard
     * for both) it is wider than a paired interval, so it decides less often, not wrongly more often.
     */
    public static Interval newcombe(long a, long n, long b, long m, double level) {
        Interval first = wilson(a, n, level);
        Interval second = wilson(b, m, level);
        double p = first.estimate();
        double q = second.estimate();
        double lower = p - q - Math.hypot(p - first.lower(), second.upper() - q);
        double upper = p - q + Math.hypot(first.upper() - p, q - second.lower());
        return new Interval(p - q, lower, upper, level);
    }

    /** The two-sided normal quantile of {@code level}: 1.96 for 0.95. */
    static double normalQuantile(double level) {
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - Interval.checkLevel(level)) / 2);
    }
}
