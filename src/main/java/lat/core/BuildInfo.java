package lat.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is made of ({@code lat/build.properties}, filled in by Maven): versions, ND4J backend, JVM flags. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {}

    /** The value of {@code key} (e.g. {@code nd4j.classifier}, {@code spark.version}, {@code jvm.flags}). */
    public static String get(String key) {
        return PROPERTIES.getProperty(key, "unknown");
    }

    /**
     * The code built: the version, and where it was built from a git work tree the commit
     * ({@code 0.1.0-SNAPSHOT+60c02d2}), marked {@code .dirty} when the tree had uncommitted changes.
     */
    public static String codeVersion() {
        String commit = get("git.commit");
        if (commit.equals("unknown") || commit.startsWith("${")) { // built outside git
            return get("version");
        }
        return get("version") + "+" + commit + (get("git.dirty").equals("true") ? ".dirty" : "");
    }

    /** The ND4J backend this build runs on, {@code artifact:classifier} (e.g. {@code nd4j-native:linux-x86_64-onednn}). */
    public static String nd4jBackend() {
        return get("nd4j.backend") + ":" + get("nd4j.classifier");
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
