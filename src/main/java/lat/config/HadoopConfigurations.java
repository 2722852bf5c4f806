package lat.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * The one way lat builds a Hadoop {@link Configuration} outside Spark's own: Hadoop's files
 * (core-site.xml ...), then the {@code spark.hadoop.*} settings of this JVM (spark-submit's, given
 * as system properties to a driver, and the application's {@link SparkConf} on an executor), so
 * that a path reads the same on the driver, on the executors and in commands without Spark; then
 * lat's bounded S3A retries, where the user set none.
 */
public final class HadoopConfigurations {
    private static final String SPARK_HADOOP = "spark.hadoop.";

    /**
     * S3A's defaults retry an unreachable or refusing store for minutes (the SDK's 20 attempts inside
     * each of S3A's 7 retries, a 200 s socket timeout): a {@code report} to an unreachable endpoint
     * printed nothing for over 500 s. lat's: a store that does not answer fails in seconds, with
     * S3A's error. A value set anywhere else (core-site.xml, spark.hadoop.*) wins.
     */
    private static final Map<String, String> S3A_DEFAULTS = Map.of(
            "fs.s3a.attempts.maximum", "2",
            "fs.s3a.retry.limit", "2",
            "fs.s3a.retry.interval", "500ms",
            "fs.s3a.connection.establish.timeout", "5000",
            "fs.s3a.connection.timeout", "30000");

    private HadoopConfigurations() {}

    /** Hadoop's configuration with this JVM's {@code spark.hadoop.*} settings and lat's S3A defaults. */
    public static Configuration create() {
        Configuration conf = new Configuration();
        sparkHadoopSettings().forEach(conf::set);
        unsetS3aDefaults(conf).forEach(conf::set);
        return conf;
    }

    /**
     * lat's S3A defaults that neither Hadoop's files nor {@code spark.hadoop.*} settings of this JVM
     * override, as {@code spark.hadoop.*} settings for a Spark session (so that the driver's
     * and the executors' Hadoop configurations get them).
     */
    public static Map<String, String> sparkDefaults() {
        Configuration conf = new Configuration();
        sparkHadoopSettings().forEach(conf::set);
        Map<String, String> settings = new LinkedHashMap<>();
        unsetS3aDefaults(conf).forEach((key, value) -> settings.put(SPARK_HADOOP + key, value));
        return settings;
    }

    private static Map<String, String> unsetS3aDefaults(Configuration conf) {
        Map<String, String> unset = new LinkedHashMap<>();
        S3A_DEFAULTS.forEach((key, value) -> {
            if (onlyHadoopsDefault(conf, key)) {
                unset.put(key, value);
            }
        });
        return unset;
    }

    /** True when {@code key} is unset or comes from Hadoop's own core-default.xml. */
    private static boolean onlyHadoopsDefault(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        return sources == null || Arrays.stream(sources).allMatch(source -> source.equals("core-default.xml"));
    }

    /** {@code spark.hadoop.*} of the system properties, then of the running Spark application. */
    private static Map<String, String> sparkHadoopSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        Properties system = System.getProperties();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(SPARK_HADOOP)) {
                settings.put(key.substring(SPARK_HADOOP.length()), system.getProperty(key));
            }
        }
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (scala.Tuple2<String, String> entry : env.conf().getAllWithPrefix(SPARK_HADOOP)) {
                settings.put(entry._1(), entry._2());
            }
        }
        return settings;
    }
}
