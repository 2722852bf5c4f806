package lat.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The exact McNemar test for paired proportions (two models, or two inputs, on the same digits):
 * only the discordant digits count, those right under A and wrong under B ({@code b}) and the
 * reverse ({@code c}); under "no difference" b is Binomial(b + c, 1/2).
 */
public final class McNemar {
    private McNemar() {}

    /** The two-sided exact p-value: 2 P(X <= min(b, c)), at most 1; 1 when no digit is discordant. */
    public static double exactPValue(long b, long c) {
        if (b < 0 || c < 0 || b + c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("discordant counts must be >= 0 and fit an int, got " + b + ", " + c);
        }
        if (b + c == 0) {
            return 1;
        }
        double tail = new BinomialDistribution(null, (int) (b + c), 0.5).cumulativeProbability((int) Math.min(b, c));
        return Math.min(1, 2 * tail);
    }

    /** The exact p-value of two aligned outcome arrays: digit i right under {@code a}, under {@code b}. */
    public static double exactPValue(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired outcomes need the same digits, got " + a.length + " and " + b.length);
        }
        long onlyA = 0;
        long onlyB = 0;
        for (int i = 0; i < a.length; i++) {
            onlyA += a[i] && !b[i] ? 1 : 0;
            onlyB += b[i] && !a[i] ? 1 : 0;
        }
        return exactPValue(onlyA, onlyB);
    }
}
