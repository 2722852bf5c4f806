package lat.train.dl4j;

import java.io.PrintStream;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;

/**
 * Dismisses every executor that registers once training has begun. DL4J's parameter-server mesh is
 * formed by the executors of the first chunk; an executor that replaces a lost one rejoins on the
 * lost one's address and port ("Got request from known node ... Remapping") and its first task
 * then waits forever (seen on the namespace cluster, docs/design.md). Dismissed at once, it never
 * gets a task: the executors of the mesh carry every shard, as they do when no replacement comes,
 * and the cluster manager starts no other in its place.
 */
public final class LateExecutors extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final String model;
    private final PrintStream log;

    private LateExecutors(SparkContext sc, String model, PrintStream log) {
        this.sc = sc;
        this.model = model;
        this.log = log;
    }

    /** Dismisses the executors that register from now on, until closed. */
    public static LateExecutors dismissFromNow(SparkContext sc, String model, PrintStream log) {
        LateExecutors listener = new LateExecutors(sc, model, log);
        sc.addSparkListener(listener);
        return listener;
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        log.printf(
                "%s: executor %s on %s joined after training began; dismissed (DL4J's parameter server cannot "
                        + "take it in; the other executors carry its shard)%n",
                model, added.executorId(), added.executorInfo().executorHost());
        sc.killExecutor(added.executorId());
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
