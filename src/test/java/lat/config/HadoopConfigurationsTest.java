package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** lat's bounded S3A retries apply where the user set nothing; a user's value always wins. */
class HadoopConfigurationsTest {
    private static final String RETRIES = "spark.hadoop.fs.s3a.retry.limit";

    @AfterEach
    void clear() {
        System.clearProperty(RETRIES);
        System.clearProperty("spark.hadoop.fs.s3a.endpoint");
    }

    @Test
    void boundedRetriesReplaceHadoopsDefaults() {
        assertEquals("7", new Configuration().get("fs.s3a.retry.limit"), "S3A's own default, from core-default.xml");
        Configuration conf = HadoopConfigurations.create();
        assertEquals("2", conf.get("fs.s3a.retry.limit"));
        assertEquals("2", conf.get("fs.s3a.attempts.maximum"));
        assertEquals("2", HadoopConfigurations.sparkDefaults().get(RETRIES));
    }

    @Test
    void theUsersSettingsWinAndReachTheConfiguration() {
        System.setProperty(RETRIES, "9");
        System.setProperty("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
        Configuration conf = HadoopConfigurations.create();
        assertEquals("9", conf.get("fs.s3a.retry.limit"));
        assertEquals("http://127.0.0.1:9000", conf.get("fs.s3a.endpoint"));
        assertFalse(HadoopConfigurations.sparkDefaults().containsKey(RETRIES), "not overridden in Spark sessions");
        assertEquals("2", HadoopConfigurations.sparkDefaults().get("spark.hadoop.fs.s3a.attempts.maximum"));
    }
}
