package lat.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * An estimate of this machine's peak FP32 throughput: cores x clock x FLOPs per cycle, the last
 * from the widest vector instructions the CPU reports (/proc/cpuinfo flags), assuming two FMA
 * units per core (a fused multiply-add is 2 FLOPs per lane): AVX-512 64, AVX2 with FMA 32,
 * otherwise 8 (SSE, no FMA). It is an estimate: the clock is the nominal one cpuinfo reports
 * (turbo and AVX-512 down-clocking change it), some cores have one FMA unit or run AVX-512 on
 * 256-bit units (half the figure), and SMT siblings share their core's units (they are not counted).
 *
 * @param model          the CPU's model name
 * @param cores          physical cores available to this JVM
 * @param ghz            clock from cpuinfo's "cpu MHz"
 * @param instructionSet the widest vector instructions found
 * @param flopsPerCycle  FP32 FLOPs per cycle and core assumed for it
 */
public record CpuPeak(String model, int cores, double ghz, String instructionSet, int flopsPerCycle) {

    /** The peak in GFLOP/s. */
    @JsonProperty
    public double gflops() {
        return cores * ghz * flopsPerCycle;
    }

    /** Reads /proc/cpuinfo; an unknown machine gives a peak of 0 (reported as unknown). */
    public static CpuPeak ofThisMachine() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            lines = List.of();
        }
        return parse(lines, Runtime.getRuntime().availableProcessors());
    }

    /** The peak described by the lines of a /proc/cpuinfo and the CPUs this JVM may use. */
    static CpuPeak parse(List<String> cpuinfo, int availableProcessors) {
        String model = field(cpuinfo, "model name", "unknown");
        double ghz = Double.parseDouble(field(cpuinfo, "cpu MHz", "0")) / 1000;
        Set<String> flags = Set.of(field(cpuinfo, "flags", "").split("\\s+"));
        // SMT: "siblings" logical CPUs share "cpu cores" physical cores.
        int siblings = Integer.parseInt(field(cpuinfo, "siblings", "1"));
        int coresPerPackage = Integer.parseInt(field(cpuinfo, "cpu cores", "1"));
        int threadsPerCore = Math.max(1, siblings / Math.max(1, coresPerPackage));
        int cores = Math.max(1, availableProcessors / threadsPerCore);
        if (flags.contains("avx512f")) {
            return new CpuPeak(model, cores, ghz, "AVX-512 (2 FMA units x 16 lanes x 2)", 64);
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return new CpuPeak(model, cores, ghz, "AVX2 + FMA (2 FMA units x 8 lanes x 2)", 32);
        }
        return new CpuPeak(model, cores, ghz, "SSE (add + mul x 4 lanes)", 8);
    }

    private static String field(List<String> cpuinfo, String name, String otherwise) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return otherwise;
    }
}
