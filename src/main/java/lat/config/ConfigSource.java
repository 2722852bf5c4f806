package lat.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lat.core.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * What {@code --config} names, parsed as HOCON:
 * <ul>
 *   <li>a bare name ({@code local}, {@code paper}, {@code cluster}, {@code tiny}): a profile shipped
 *       inside the jar (conf/NAME.conf of the source tree), so that it works on any host the jar runs
 *       on, e.g. a driver in cluster deploy mode;</li>
 *   <li>a URI with a scheme ({@code s3a://}, {@code hdfs://}, {@code file://}, ...): read through
 *       Hadoop's FileSystem API, with Hadoop's configuration plus the {@code spark.hadoop.*}
 *       settings spark-submit passes to the driver;</li>
 *   <li>anything else: a local file ({@code conf/local.conf}, {@code ./local}).</li>
 * </ul>
 * Relative {@code include}s resolve next to the including file, whichever of the three it is.
 */
final class ConfigSource {
    /** Where the build puts conf/*.conf inside the jar. */
    private static final String PROFILES = "lat/profiles/";

    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:/.*");

    private ConfigSource() {}

    static Config parse(String name) {
        if (PROFILE_NAME.matcher(name).matches()) {
            return parseProfile(name);
        }
        if (URI_SCHEME.matcher(name).matches()) {
            return parseHadoop(name);
        }
        return parseLocal(name);
    }

    private static Config parseProfile(String name) {
        String resource = PROFILES + name + ".conf";
        if (ConfigSource.class.getClassLoader().getResource(resource) == null) {
            throw new ConfigError("--config " + name + ": no such profile in the jar (profiles: "
                    + String.join(", ", profiles()) + "); a file in the current directory is written ./" + name);
        }
        return parse(
                name,
                () -> ConfigFactory.parseResources(
                        ConfigSource.class.getClassLoader(),
                        resource,
                        ConfigParseOptions.defaults().setAllowMissing(false)));
    }

    private static Config parseLocal(String name) {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new ConfigError("configuration file '" + name + "' "
                    + (Files.exists(path) ? "is not a regular file" : "does not exist"));
        }
        // strictly: an include of a file that does not exist is an error, not silently nothing
        return parse(
                name,
                () -> StrictIncluder.parse(path, ConfigParseOptions.defaults()).toConfig());
    }

    private static Config parseHadoop(String name) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(name);
        Configuration hadoop = HadoopConfigurations.create();
        String text;
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.isFile(path)) {
                throw new ConfigError("configuration file '" + name + "' "
                        + (fs.exists(path) ? "is not a regular file" : "does not exist"));
            }
            text = read(fs, path);
        } catch (IOException e) {
            throw new ConfigError("cannot read configuration file '" + name + "': " + e);
        }
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setOriginDescription(name)
                .setIncluder(new HadoopIncluder(path.getParent(), hadoop, null));
        return parse(name, () -> ConfigFactory.parseString(text, options));
    }

    private static Config parse(String name, java.util.function.Supplier<Config> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            // Typesafe's message starts with the origin, "conf/x.conf: 3: ...".
            throw new ConfigError("cannot read configuration file '" + name + "': " + e.getMessage());
        }
    }

    private static String read(FileSystem fs, org.apache.hadoop.fs.Path path) throws IOException {
        try (Reader in = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    /** Relative includes of a file read through Hadoop: the named file next to it, through Hadoop too. */
    private record HadoopIncluder(org.apache.hadoop.fs.Path dir, Configuration hadoop, ConfigIncluder fallback)
            implements ConfigIncluder {

        @Override
        public ConfigIncluder withFallback(ConfigIncluder other) {
            return new HadoopIncluder(dir, hadoop, other);
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            String name = new org.apache.hadoop.fs.Path(dir, what).toString();
            try {
                FileSystem fs = new org.apache.hadoop.fs.Path(name).getFileSystem(hadoop);
                if (!fs.exists(new org.apache.hadoop.fs.Path(name))) {
                    if (context.parseOptions().getAllowMissing()) {
                        return ConfigFactory.empty().root();
                    }
                    throw new ConfigException.IO(
                            ConfigOriginFactory.newSimple(name), "included file '" + name + "' does not exist");
                }
                String text = read(fs, new org.apache.hadoop.fs.Path(name));
                return ConfigFactory.parseString(
                                text,
                                context.parseOptions()
                                        .setOriginDescription(name)
                                        .setIncluder(new HadoopIncluder(
                                                new org.apache.hadoop.fs.Path(name).getParent(), hadoop, fallback)))
                        .root();
            } catch (IOException e) {
                throw new ConfigException.IO(
                        ConfigOriginFactory.newSimple(name), "cannot read included file '" + name + "': " + e);
            }
        }
    }

    /** The names of the profiles inside the jar (or target/classes), sorted. */
    static List<String> profiles() {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL dir : Collections.list(ConfigSource.class.getClassLoader().getResources(PROFILES))) {
                if ("file".equals(dir.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                        files.map(file -> file.getFileName().toString()).forEach(file -> addProfile(names, file));
                    }
                } else if (dir.openConnection() instanceof JarURLConnection jar) {
                    jar.getJarFile().stream()
                            .map(entry -> entry.getName())
                            .filter(entry -> entry.startsWith(PROFILES))
                            .forEach(entry -> addProfile(names, entry.substring(PROFILES.length())));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new ConfigError("cannot list the profiles inside the jar: " + e);
        }
        return List.copyOf(names);
    }

    private static void addProfile(TreeSet<String> names, String file) {
        if (file.endsWith(".conf")
                && PROFILE_NAME.matcher(file.substring(0, file.length() - 5)).matches()) {
            names.add(file.substring(0, file.length() - 5));
        }
    }
}
