package lat.bench;

/** Times work made of one or more phases, several times after warming it up. */
final class Stopwatch {
    private Stopwatch() {
    }

    /**
     * Runs the phases in order, untimed, until both {@code warmupRuns} runs and {@code warmupSeconds}
     * have passed, then {@code reps} times timed. The time-based part gives every row the same chance
     * to have its Java code compiled before timing: a JIT compiler thread running beside ND4J's two
     * OpenMP threads on two cores slows them (docs/benchmarks.md, "The natural training row").
     *
     * @return seconds[phase][rep]
     */
    static double[][] seconds(int warmupRuns, double warmupSeconds, int reps, Runnable... phases) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmupRuns || System.nanoTime() < warmupEnd; i++) {
            for (Runnable phase : phases) {
                phase.run();
            }
        }
        double[][] seconds = new double[phases.length][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int p = 0; p < phases.length; p++) {
                long start = System.nanoTime();
                phases[p].run();
                seconds[p][rep] = (System.nanoTime() - start) / 1e9;
            }
        }
        return seconds;
    }
}
