package lat.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark work with a time limit, on {@code local[2]}: a task that never ends stands for a stuck executor. */
class TimedJobsTest {
    /** Holds the stuck job's tasks (local mode: they run in this JVM) until its test is over. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static JavaSparkContext sc;

    @BeforeAll
    static void spark() {
        sc = JavaSparkContext.fromSparkContext(TestData.spark().sparkContext());
    }

    @Test
    void workThatFinishesInTimeRunsToTheEnd() {
        long[] count = new long[1];
        try (TimedJobs jobs = new TimedJobs(sc)) {
            assertTrue(jobs.runWithin(
                    Duration.ofMinutes(2),
                    "lat-test",
                    "count",
                    () -> count[0] = sc.parallelize(List.of(1, 2, 3), 2).count()));
        }
        assertEquals(3, count[0]);
    }

    @Test
    void aStuckJobIsCancelledAtTheLimitAndTheCallerCarriesOn() throws Exception {
        Exception[] seen = new Exception[1];
        long start = System.nanoTime();
        try (TimedJobs jobs = new TimedJobs(sc)) {
            boolean finished = jobs.runWithin(Duration.ofSeconds(3), "lat-test-stuck", "stuck", () -> {
                try {
                    sc.parallelize(List.of(1, 2), 2).foreach(x -> RELEASE.await());
                } catch (Exception e) {
                    seen[0] = e;
                }
            });
            assertFalse(finished);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 3 && seconds < 30, "returned after " + seconds + " s");
        // the job is cancelled, not left running, and the abandoned body is stopped waiting for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((seen[0] == null || sc.statusTracker().getActiveJobIds().length > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int[] jobIds = sc.statusTracker().getJobIdsForGroup("lat-test-stuck");
        assertEquals(1, jobIds.length);
        assertEquals(
                JobExecutionStatus.FAILED,
                sc.statusTracker().getJobInfo(jobIds[0]).status());
        assertEquals(0, sc.statusTracker().getActiveJobIds().length, "a job still runs");
        assertTrue(seen[0] != null, "the abandoned body still waits for its job");
        RELEASE.countDown(); // Spark does not interrupt a cancelled job's tasks here; free the slots
    }

    @Test
    void whatTheWorkThrowsReachesTheCaller() {
        IllegalArgumentException failure = new IllegalArgumentException("bad shard");
        try (TimedJobs jobs = new TimedJobs(sc)) {
            assertSame(
                    failure,
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> jobs.runWithin(Duration.ofMinutes(1), "lat-test", "fails", () -> {
                                throw failure;
                            })));
        }
    }
}
