package lat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void progressLinesShowHoursMinutesAndSeconds() {
        assertEquals("0:00:00", Durations.hms(0.4));
        assertEquals("1:01:05", Durations.hms(3665));
    }

    @Test
    void aLimitReadsAsItWouldBeConfigured() {
        assertEquals("2h", Durations.hocon(Duration.ofHours(2)));
        assertEquals("3m", Durations.hocon(Duration.ofMinutes(3)));
        assertEquals("90s", Durations.hocon(Duration.ofSeconds(90)));
        assertEquals("1ms", Durations.hocon(Duration.ofMillis(1)));
        assertEquals("61m", Durations.hocon(Duration.ofMinutes(61)));
    }
}
