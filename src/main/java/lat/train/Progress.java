package lat.train;

import java.io.PrintStream;
import lat.core.Durations;
import lat.core.ModelId;

/**
 * The progress line printed after each chunk of a training:
 * {@code standard: step 200/400 (50%)  395.3 examples/s  loss 0.9977  elapsed 0:00:30  ETA 0:00:30}.
 * The ETA extrapolates this application's pace (a resumed run counts from where it resumed).
 */
final class Progress {
    private final ModelId model;
    private final long totalSteps;
    private final long startStep;
    private final int batchSize;
    private final PrintStream log;
    private final long started = System.nanoTime();

    Progress(ModelId model, long totalSteps, long startStep, int batchSize, PrintStream log) {
        this.model = model;
        this.totalSteps = totalSteps;
        this.startStep = startStep;
        this.batchSize = batchSize;
        this.log = log;
    }

    /** Seconds since this application started training. */
    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Steps {@code from} to {@code to} took {@code chunkSeconds}; {@code loss} is their mean minibatch loss. */
    void chunkDone(long from, long to, double chunkSeconds, double loss) {
        double elapsed = elapsedSeconds();
        double eta = elapsed / (to - startStep) * (totalSteps - to);
        log.printf(
                "%s: step %d/%d (%.0f%%)  %.1f examples/s  loss %.4f  elapsed %s  ETA %s%n",
                model,
                to,
                totalSteps,
                100.0 * to / totalSteps,
                (to - from) * batchSize / chunkSeconds,
                loss,
                Durations.hms(elapsed),
                Durations.hms(eta));
    }
}
