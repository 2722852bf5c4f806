package lat.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is made of ({@code lat/build.properties}, filled in by Maven): versions, ND4J backend, JVM flags. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The value of {@code key} (e.g. {@code nd4j.classifier}, {@code spark.version}, {@code jvm.flags}). */
    public static String get(String key) {
        return PROPERTIES.getProperty(key, "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/lat/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lat/build.properties", e);
        }
        return properties;
    }
}
