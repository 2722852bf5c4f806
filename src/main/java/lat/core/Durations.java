package lat.core;

/** How progress lines show durations. */
public final class Durations {
    private Durations() {
    }

    /** {@code h:mm:ss}, rounded to the second. */
    public static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
