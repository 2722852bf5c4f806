package lat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the machine was doing while a row was timed: the share of CPU time the hypervisor took
 * (steal), the share the CPUs were busy (this JVM included) and the load average at the end. On a
 * virtual machine steal slows every figure without showing in the timings themselves, so a row
 * measured under {@link #FLAG_PERCENT}% steal or more is flagged, and its figures should not be
 * compared with another run's.
 *
 * @param stealPercent  CPU time stolen by the hypervisor, % of all CPU time in the interval (NaN: unknown)
 * @param busyPercent   CPU time spent running anything, this benchmark included (NaN: unknown)
 * @param loadAverage   the 1-minute load average when the row ended (NaN: unknown)
 * @param underSteal    steal reached {@link #FLAG_PERCENT}%
 */
public record CpuConditions(double stealPercent, double busyPercent, double loadAverage, boolean underSteal) {
    /** Steal from which a row is flagged: beyond timing noise on these 2-core machines. */
    static final double FLAG_PERCENT = 5;

    /** Conditions that could not be read (no /proc): never flagged. */
    static final CpuConditions UNKNOWN = new CpuConditions(Double.NaN, Double.NaN, Double.NaN, false);

    /** The conditions between two samples of /proc/stat's counters, with the load average at the end. */
    static CpuConditions between(Sample before, Sample after, double loadAverage) {
        long total = after.total() - before.total();
        if (before.total() < 0 || after.total() < 0 || total <= 0) {
            return UNKNOWN;
        }
        double steal = 100.0 * (after.steal() - before.steal()) / total;
        double busy = 100.0 * (total - (after.idle() - before.idle()) - (after.steal() - before.steal())) / total;
        return new CpuConditions(steal, busy, loadAverage, steal >= FLAG_PERCENT);
    }

    /**
     * /proc/stat's aggregate counters in clock ticks (a negative total: unknown).
     *
     * @param total every state's ticks: user, nice, system, idle, iowait, irq, softirq, steal
     * @param idle  idle and iowait
     * @param steal steal
     */
    record Sample(long total, long idle, long steal) {
        static final Sample UNKNOWN = new Sample(-1, 0, 0);

        /** Now, from /proc/stat. */
        static Sample now() {
            try {
                return parse(Files.readAllLines(Path.of("/proc/stat")));
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
        }

        /** The aggregate "cpu" line of /proc/stat's lines (guest time is inside user and nice already). */
        static Sample parse(List<String> stat) {
            for (String line : stat) {
                String[] fields = line.trim().split("\\s+");
                if (fields[0].equals("cpu") && fields.length >= 9) {
                    long total = 0;
                    for (int i = 1; i <= 8; i++) {
                        total += Long.parseLong(fields[i]);
                    }
                    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                    return new Sample(total, idle, Long.parseLong(fields[8]));
                }
            }
            return UNKNOWN;
        }
    }

    /** The 1-minute load average from /proc/loadavg (NaN where there is none). */
    static double loadAverageNow() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
