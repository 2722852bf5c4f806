package lat.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.config.Settings;
import lat.config.SettingsLoader;
import picocli.CommandLine.Option;

/** The {@code --config} option every subcommand shares, and the settings it loads. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON file overriding reference.conf (e.g. conf/local.conf). "
                    + "-Dlat.<key>=<value> system properties override the file.")
    private String configFile;

    /** Loads and validates the settings; a wrong key or value throws a ConfigError (exit 2). */
    public Settings load() {
        return load(Map.of());
    }

    /** As {@link #load()}, with command-line options given as configuration keys above everything else. */
    public Settings load(Map<String, ?> overrides) {
        return SettingsLoader.load(Optional.ofNullable(configFile), overrides);
    }

    /** The arguments that give another lat JVM the same configuration file (none when there is none). */
    List<String> asArguments() {
        return configFile == null ? List.of() : List.of("--config", configFile);
    }
}
