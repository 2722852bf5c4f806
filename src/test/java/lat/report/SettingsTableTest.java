package lat.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import lat.TestData;
import lat.config.Settings;
import org.junit.jupiter.api.Test;

/** The report's settings table: one row per key, credentials in URLs hidden. */
class SettingsTableTest {

    @Test
    void credentialsInUrlsAreHidden() {
        Settings settings = TestData.settings(Path.of("output"), String.join("\n",
                "lat.output-dir = \"s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/lat\"",
                "lat.data.fetch.mirrors = [\"https://reader:t0ken-S3cret@mirror.example.org/mnist/\"]"));

        Map<String, String> table = SettingsTable.flatten("lat", settings);

        assertEquals("s3a://***@bucket/lat", table.get("lat.output-dir"));
        assertEquals("[https://***@mirror.example.org/mnist/]", table.get("lat.data.fetch.mirrors"));
        assertEquals(TestData.mnistDir(), table.get("lat.data.dir"));
        assertEquals(TestData.data().sha256().testImages(), table.get("lat.data.sha256.test-images"));
        table.values().forEach(value -> assertFalse(value.contains("S3cret") || value.contains("wJalr"), value));
    }
}
