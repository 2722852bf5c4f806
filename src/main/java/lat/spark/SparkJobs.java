package lat.spark;

import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Names the Spark jobs lat starts, so the Spark UI says what each one is ("train standard: steps
 * 100-200 of 400") instead of a line number in DL4J.
 */
public final class SparkJobs {
    private SparkJobs() {}

    /**
     * Runs {@code body}, whose Spark jobs are grouped under {@code group} and described by
     * {@code description}; the names are cleared afterwards, so later jobs are not mislabelled.
     */
    public static <T> T call(JavaSparkContext sc, String group, String description, Supplier<T> body) {
        sc.setJobGroup(group, description, false);
        sc.setCallSite(description);
        try {
            return body.get();
        } finally {
            sc.clearCallSite();
            sc.clearJobGroup();
        }
    }

    /** As {@link #call} for a body without a result. */
    public static void run(JavaSparkContext sc, String group, String description, Runnable body) {
        call(sc, group, description, () -> {
            body.run();
            return null;
        });
    }
}
