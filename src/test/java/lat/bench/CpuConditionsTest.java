package lat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Steal and busy shares from hand-made /proc/stat samples. */
class CpuConditionsTest {
    /** user nice system idle iowait irq softirq steal guest guest_nice */
    private static CpuConditions.Sample sample(String counters) {
        return CpuConditions.Sample.parse(List.of("cpu  " + counters, "cpu0 1 2 3 4 5 6 7 8 0 0", "intr 12345"));
    }

    @Test
    void theAggregateLineCountsEightStatesAndLeavesGuestTimeInsideUser() {
        CpuConditions.Sample s = sample("100 10 20 300 5 1 2 40 99 7");
        assertEquals(100 + 10 + 20 + 300 + 5 + 1 + 2 + 40, s.total());
        assertEquals(305, s.idle());
        assertEquals(40, s.steal());
    }

    @Test
    void stealAndBusyAreSharesOfTheIntervalNotOfTheCountersSinceBoot() {
        CpuConditions.Sample before = sample("1000 0 0 5000 0 0 0 100 0 0");
        // 200 ticks pass: 120 running, 50 idle, 30 stolen
        CpuConditions.Sample after = sample("1100 0 20 5050 0 0 0 130 0 0");
        CpuConditions c = CpuConditions.between(before, after, 1.5);
        assertEquals(15.0, c.stealPercent(), 1e-9);
        assertEquals(60.0, c.busyPercent(), 1e-9);
        assertEquals(1.5, c.loadAverage());
        assertTrue(c.underSteal());
    }

    @Test
    void stealBelowFivePercentIsNotFlagged() {
        CpuConditions.Sample before = sample("0 0 0 0 0 0 0 0 0 0");
        CpuConditions c = CpuConditions.between(before, sample("96 0 0 0 0 0 0 4 0 0"), 2);
        assertEquals(4.0, c.stealPercent(), 1e-9);
        assertFalse(c.underSteal());
        assertTrue(
                CpuConditions.between(before, sample("95 0 0 0 0 0 0 5 0 0"), 2).underSteal());
    }

    @Test
    void noProcStatGivesUnknownConditionsThatAreNotFlagged() {
        CpuConditions.Sample missing = CpuConditions.Sample.parse(List.of("intr 1"));
        CpuConditions c = CpuConditions.between(missing, missing, Double.NaN);
        assertTrue(Double.isNaN(c.stealPercent()));
        assertFalse(c.underSteal());
        assertEquals(
                CpuConditions.UNKNOWN,
                CpuConditions.between(sample("1 0 0 0 0 0 0 0 0 0"), sample("1 0 0 0 0 0 0 0 0 0"), 1),
                "no time passed");
    }
}
