package lat.bench;

/** Times work made of one or more phases, several times after warming it up. */
final class Stopwatch {
    private Stopwatch() {
    }

    /**
     * Runs the phases in order {@code warmup} times untimed, then {@code reps} times timed.
     *
     * @return seconds[phase][rep]
     */
    static double[][] seconds(int warmup, int reps, Runnable... phases) {
        for (int i = 0; i < warmup; i++) {
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
