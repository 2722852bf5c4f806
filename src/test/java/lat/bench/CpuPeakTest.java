package lat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The peak estimate from /proc/cpuinfo lines. */
class CpuPeakTest {
    @Test
    void avx512CoresCountPhysicalCoresOnly() {
        List<String> cpuinfo = List.of(
                "model name\t: Some Xeon",
                "cpu MHz\t\t: 2500.000",
                "siblings\t: 4",
                "cpu cores\t: 2",
                "flags\t\t: fpu sse avx avx2 fma avx512f");
        CpuPeak peak = CpuPeak.parse(cpuinfo, 4);
        assertEquals(2, peak.cores());
        assertEquals(64, peak.flopsPerCycle());
        assertEquals(2 * 2.5 * 64, peak.gflops(), 1e-9);
    }

    @Test
    void avx2WithFmaIs32FlopsPerCycle() {
        CpuPeak peak = CpuPeak.parse(List.of("cpu MHz : 3000", "flags : sse avx2 fma"), 1);
        assertEquals(32, peak.flopsPerCycle());
        assertEquals(96, peak.gflops(), 1e-9);
    }
}
