package lat.stats;

/**
 * An estimate with a two-sided interval at confidence {@code level}.
 *
 * @param estimate the point estimate (a percentile bootstrap's interval need not be centred on it)
 * @param lower    the interval's lower end
 * @param upper    the interval's upper end
 * @param level    the confidence level, in (0, 1), e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double level) {
    public Interval {
        if (!Double.isFinite(estimate) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException(
                    "an interval needs finite numbers, got " + estimate + " in [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("an interval's lower end " + lower + " exceeds its upper " + upper);
        }
        checkLevel(level);
    }

    /** Half the interval's width. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /** Whether {@code value} lies in the closed interval. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** "0.9600 [0.9459, 0.9705]" with {@code digits} decimals. */
    public String format(int digits) {
        String number = "%." + digits + "f";
        return String.format(number + " [" + number + ", " + number + "]", estimate, lower, upper);
    }

    static double checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a confidence level must lie in (0, 1), got " + level);
        }
        return level;
    }
}
