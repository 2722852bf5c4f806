package lat.bench;

/** Times work made of one or more phases, several times after warming it up. */
final class Stopwatch {
    private Stopwatch() {}

    /**
     * The timed runs of some work.
     *
     * @param seconds    seconds[phase][rep]
     * @param conditions the machine's CPU during the timed runs (not the warm-up)
     */
    record Timing(double[][] seconds, CpuConditions conditions) {}

    /**
     * Runs the phases in order, untimed, until both {@code warmupRuns} runs and {@code warmupSeconds}
     * have passed, then {@code reps} times timed. The time-based part gives every row the same chance
     * to have its Java code compiled before timing: a JIT compiler thread running beside ND4J's two
     * OpenMP threads on two cores slows them (docs/notes/2026-11-27-natural-training-row-openblas.md).
     *
     * @return the seconds of each phase and rep, and the CPU conditions they were timed under
     */
    static Timing time(int warmupRuns, double warmupSeconds, int reps, Runnable... phases) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmupRuns || System.nanoTime() < warmupEnd; i++) {
            for (Runnable phase : phases) {
                phase.run();
            }
        }
        double[][] seconds = new double[phases.length][reps];
        CpuConditions.Sample before = CpuConditions.Sample.now();
        for (int rep = 0; rep < reps; rep++) {
            for (int p = 0; p < phases.length; p++) {
                long start = System.nanoTime();
                phases[p].run();
                seconds[p][rep] = (System.nanoTime() - start) / 1e9;
            }
        }
        return new Timing(
                seconds, CpuConditions.between(before, CpuConditions.Sample.now(), CpuConditions.loadAverageNow()));
    }
}
