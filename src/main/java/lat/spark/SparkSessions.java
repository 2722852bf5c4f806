package lat.spark;

import lat.config.Settings;
import org.apache.spark.sql.SparkSession;

/** The one place lat starts Spark: in-process with {@code lat.spark.master}, or as spark-submit says. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * The session of this JVM, created on first use: with {@code lat.spark.master} unless
     * spark-submit set the master. {@code spark.*} system properties (e.g.
     * {@code -Dspark.ui.enabled=false}) and spark-submit's settings apply as usual.
     *
     * @param job names the application in the Spark UI, with the run id
     */
    public static SparkSession open(Settings settings, String job) {
        SparkSession.Builder builder = SparkSession.builder().appName("lat " + job + " (run " + settings.runId() + ")");
        // spark-submit passes its --master as the spark.master property: that one wins.
        if (!settings.spark().master().isEmpty() && System.getProperty("spark.master") == null) {
            builder.master(settings.spark().master());
        }
        return builder.getOrCreate();
    }
}
