package lat.core;

/**
 * Invariants that settings records and attacks check when they are built, so that an object that
 * exists is valid (as ART validates every attack parameter in its constructor). Configuration is
 * validated earlier, key by key, with messages for users; these checks guard everything else
 * (tests, code that builds settings directly) and throw {@link IllegalArgumentException}.
 */
public final class Check {
    private Check() {}

    /** {@code value} when it is at least 1. */
    public static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value} when it is at least 0. */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    /** {@code value} when it is finite and above 0. */
    public static double positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }

    /** {@code value} when {@code min <= value <= max}. */
    public static double between(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** {@code value} when {@code min <= value <= max}. */
    public static long between(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
