package lat.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.core.ConfigError;
import picocli.CommandLine.Option;

/**
 * The options every subcommand shares ({@code --config}, {@code --run-id}, {@code --set}), the
 * command's own options that stand for a configuration key, and the settings they load.
 *
 * <p>Precedence, lowest to highest: reference.conf, the {@code --config} file,
 * {@code -Dlat.<key>} system properties, {@code --set}, then {@code --run-id} and the command's own
 * options.
 */
public final class ConfigOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "HOCON settings overriding reference.conf: a profile inside the jar (local, paper, "
                    + "cluster, tiny), a local file (conf/local.conf) or any Hadoop path (s3a://, hdfs://, file://).")
    private String configFile;

    @Option(names = "--run-id", paramLabel = "ID", description = "Names the run (lat.run-id).")
    private String runId;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Sets one configuration key (repeatable), e.g. --set lat.train.steps=200; "
                    + "the value is HOCON (a number, a string, a list such as [natural,standard], a duration).")
    private List<String> assignments = new ArrayList<>();

    private final Map<String, Object> commandOptions = new LinkedHashMap<>();

    /** Sets {@code key} to {@code value}, a command's own option, when the option was given (not null). */
    public ConfigOptions override(String key, Object value) {
        if (value != null) {
            commandOptions.put(key, value);
        }
        return this;
    }

    /** Loads and validates the settings; a wrong key or value throws a ConfigError (exit 2). */
    public Settings load() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            parse(assignment, overrides);
        }
        if (runId != null) {
            overrides.put("lat.run-id", runId);
        }
        overrides.putAll(commandOptions);
        return SettingsLoader.load(Optional.ofNullable(configFile), overrides);
    }

    /** The arguments that give another lat JVM the same configuration (the command's own options excepted). */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        if (configFile != null) {
            arguments.addAll(List.of("--config", configFile));
        }
        if (runId != null) {
            arguments.addAll(List.of("--run-id", runId));
        }
        assignments.forEach(assignment -> arguments.addAll(List.of("--set", assignment)));
        return arguments;
    }

    /** {@code KEY=VALUE} into {@code overrides}; the value is parsed as HOCON, "lat." may be left out of the key. */
    private static void parse(String assignment, Map<String, Object> overrides) {
        int equals = assignment.indexOf('=');
        String key = equals > 0 ? assignment.substring(0, equals).trim() : "";
        if (key.isEmpty()) {
            throw new ConfigError("--set '" + assignment + "': expected KEY=VALUE, e.g. --set lat.train.steps=200");
        }
        String fullKey = key.startsWith("lat.") ? key : "lat." + key;
        try {
            Object value = ConfigFactory.parseString(
                            "value = " + assignment.substring(equals + 1),
                            ConfigParseOptions.defaults().setOriginDescription("--set " + key))
                    .getValue("value")
                    .unwrapped();
            overrides.put(fullKey, value);
        } catch (ConfigException e) {
            throw new ConfigError("--set '" + assignment + "': the value is not HOCON (" + e.getMessage() + ")");
        }
    }
}
