package lat.spark;

import java.nio.file.Path;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.core.PidDirectory;
import org.apache.spark.sql.SparkSession;

/** The one place lat starts Spark: in-process with {@code lat.spark.master}, or as spark-submit says. */
public final class SparkSessions {
    private static Path scratch;

    private SparkSessions() {}

    /**
     * The session of this JVM, created on first use: with {@code lat.spark.master} unless
     * spark-submit set the master. {@code spark.*} system properties (e.g.
     * {@code -Dspark.ui.enabled=false}) and spark-submit's settings apply as usual. With
     * {@code lat.evaluate.table} set, with Spark's Hive catalog (a {@code ConfigError} when this JVM
     * lacks it).
     *
     * @param job names the application in the Spark UI, with the run id
     */
    public static SparkSession open(Settings settings, String job) {
        SparkSession.Builder builder = builder(settings, job);
        // the catalog of lat.evaluate.table; checked here, before Spark starts
        String table = settings.evaluate().table();
        if (!table.isEmpty()) {
            CatalogTable.requireHiveSupport("lat.evaluate.table", table);
            builder.enableHiveSupport();
        }
        return builder.getOrCreate();
    }

    /**
     * As {@link #open}, for training: with dynamic allocation off, whatever the cluster's default.
     * DL4J's parameter-server mesh is formed by the executors of the first chunk; an executor
     * added or removed later would train alone or leave a hole in the mesh.
     */
    public static SparkSession openForTraining(Settings settings, String job) {
        return builder(settings, job)
                .config("spark.dynamicAllocation.enabled", "false")
                .getOrCreate();
    }

    private static SparkSession.Builder builder(Settings settings, String job) {
        SparkSession.Builder builder = SparkSession.builder().appName("lat " + job + " (run " + settings.runId() + ")");
        // spark-submit passes its --master as the spark.master property: that one wins.
        if (!settings.spark().master().isEmpty() && System.getProperty("spark.master") == null) {
            builder.master(settings.spark().master());
        }
        // bounded S3A retries, for the driver's and the executors' Hadoop configurations alike
        HadoopConfigurations.sparkDefaults().forEach(builder::config);
        if (System.getProperty("spark.local.dir") == null && System.getenv("SPARK_LOCAL_DIRS") == null) {
            builder.config("spark.local.dir", scratch().toString());
        }
        return builder;
    }

    /**
     * This JVM's Spark scratch space, {@code <java.io.tmpdir>/lat-spark-<pid>} (Spark's {@code spark-*}
     * and {@code blockmgr-*} directories would go straight into java.io.tmpdir): removed at exit,
     * and, when a JVM was killed with SIGKILL (a driver, a local-mode train child), by the next lat
     * JVM on the host. Only where neither spark.local.dir nor SPARK_LOCAL_DIRS says otherwise.
     */
    private static synchronized Path scratch() {
        if (scratch == null) {
            scratch = PidDirectory.claim(Path.of(System.getProperty("java.io.tmpdir")), "lat-spark-", dir -> false);
        }
        return scratch;
    }
}
