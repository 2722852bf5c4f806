package lat.core;

import java.time.Duration;

/** How progress lines and messages show durations. */
public final class Durations {
    private Durations() {}

    /** {@code h:mm:ss}, rounded to the second. */
    public static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** A limit as a configuration file says it: {@code 2h}, {@code 90s}, {@code 250ms}. */
    public static String hocon(Duration limit) {
        long millis = limit.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
