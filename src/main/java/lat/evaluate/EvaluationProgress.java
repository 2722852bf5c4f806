package lat.evaluate;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lat.core.Durations;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The evaluate job's progress lines, printed by the driver every few seconds while the tasks run:
 * {@code evaluate local: 12/105 cells (11%)  2450.1 image-steps/s  elapsed 0:01:00  ETA 0:07:45}.
 * Executors report each finished task through two Spark accumulators (the cell it finished a shard
 * of, and the work it did); the ETA extrapolates the work done so far, so a grid of cheap natural
 * cells and costly attacked ones is not mistaken for a uniform one. Nothing is printed before the
 * first interval ends, so short evaluations stay quiet.
 *
 * <p>Work is counted in image-steps plus one per image (the final scoring pass): a digit under
 * k-step PGD costs k + 1 network passes, a natural digit 1.
 */
final class EvaluationProgress implements AutoCloseable {
    private final String label;
    private final int totalCells;
    private final int shardsPerCell;
    private final long totalWork;
    private final CollectionAccumulator<Cell> finishedShards;
    private final LongAccumulator work;
    private final LongAccumulator imageSteps;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;

    /** What an executor adds when it finishes a task. */
    record Counters(CollectionAccumulator<Cell> finishedShards, LongAccumulator work, LongAccumulator imageSteps)
            implements java.io.Serializable {
        void taskDone(Cell cell, long examples) {
            finishedShards.add(cell);
            work.add(EvaluationProgress.work(cell, examples));
            imageSteps.add(examples * cell.steps());
        }
    }

    private EvaluationProgress(
            JavaSparkContext sc,
            String label,
            List<Cell> cells,
            int shardsPerCell,
            long examples,
            int seconds,
            PrintStream log) {
        this.label = label;
        this.totalCells = cells.size();
        this.shardsPerCell = shardsPerCell;
        this.totalWork = cells.stream().mapToLong(cell -> work(cell, examples)).sum();
        this.finishedShards = sc.sc().collectionAccumulator("evaluated shards");
        this.work = sc.sc().longAccumulator("evaluation work");
        this.imageSteps = sc.sc().longAccumulator("evaluation image-steps");
        this.timer = seconds > 0
                ? Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "lat-evaluate-progress");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(() -> log.println(line()), seconds, seconds, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts printing to {@code log} every {@code seconds} (0: never) the progress of {@code cells},
     * each split in {@code shardsPerCell} shards over {@code examples} digits in all.
     */
    static EvaluationProgress start(
            JavaSparkContext sc,
            String label,
            List<Cell> cells,
            int shardsPerCell,
            long examples,
            int seconds,
            PrintStream log) {
        return new EvaluationProgress(sc, label, cells, shardsPerCell, examples, seconds, log);
    }

    Counters counters() {
        return new Counters(finishedShards, work, imageSteps);
    }

    /** The network passes of {@code cell} over {@code examples} digits. */
    static long work(Cell cell, long examples) {
        return examples * (cell.steps() + 1L);
    }

    private String line() {
        Map<Cell, Integer> shards = new HashMap<>();
        for (Cell cell : finishedShards.value()) {
            shards.merge(cell, 1, Integer::sum);
        }
        int cellsDone =
                (int) shards.values().stream().filter(n -> n >= shardsPerCell).count();
        return line(
                label,
                cellsDone,
                totalCells,
                imageSteps.value(),
                work.value(),
                totalWork,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * One progress line: {@code cellsDone} of {@code totalCells}, the attack throughput, and the ETA
     * from the pace of the work so far ("-" before any work is done).
     */
    static String line(
            String label,
            int cellsDone,
            int totalCells,
            long imageSteps,
            long workDone,
            long totalWork,
            double elapsedSeconds) {
        String eta = workDone > 0 ? Durations.hms(elapsedSeconds / workDone * (totalWork - workDone)) : "-";
        return String.format(
                "%s: %d/%d cells (%.0f%%)  %.1f image-steps/s  elapsed %s  ETA %s",
                label,
                cellsDone,
                totalCells,
                100.0 * cellsDone / totalCells,
                imageSteps / elapsedSeconds,
                Durations.hms(elapsedSeconds),
                eta);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
