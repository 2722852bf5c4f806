package lat.core;

/**
 * Seeds derived from the run seed ({@code lat.seed}), so that every random choice is a pure function
 * of the settings: the same run replays exactly, on any number of executors, after any resume.
 * Seeds are derived from names, never from enum positions, so reordering an enum changes nothing.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed of item {@code index} (a minibatch, a step) under {@code seed}: SplitMix64's finaliser. */
    public static long of(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of the thing called {@code name} (a model, an attack) under {@code seed}. */
    public static long of(long seed, String name) {
        return of(seed, name.hashCode());
    }
}
