package lat.spark;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs Spark work with a time limit. Spark has no job timeout, and a task can wait forever: DL4J's
 * parameter-server handshake does when a replacement executor joins a running training
 * (docs/design.md, "Faults on a cluster"). The work runs on a thread of this object's while the
 * caller waits at most the limit; past it the work's Spark jobs are cancelled and the caller
 * carries on, so the job can fail with a clear message instead of hanging.
 *
 * <p>One thread for all the work, so thread-bound state (ND4J workspaces) stays on one thread.
 */
public final class TimedJobs implements AutoCloseable {
    private final JavaSparkContext sc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(body -> {
        Thread thread = new Thread(body, "lat-timed-jobs");
        thread.setDaemon(true); // a stuck body must not keep the JVM alive
        return thread;
    });

    public TimedJobs(JavaSparkContext sc) {
        this.sc = sc;
    }

    /**
     * Runs {@code body} as {@link SparkJobs#run} does, waiting at most {@code limit}.
     *
     * @return true when it finished in time; false when it did not: its Spark jobs are then
     *         cancelled, and the body is abandoned (so this object takes no more work)
     * @throws RuntimeException what the body threw
     */
    public boolean runWithin(Duration limit, String group, String description, Runnable body) {
        Future<?> done = worker.submit(() -> SparkJobs.run(sc, group, description, body));
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            sc.cancelJobGroup(group);
            worker.shutdownNow();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            sc.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
