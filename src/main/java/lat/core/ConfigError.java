package lat.core;

/** A wrong configuration key or value, or a wrong command-line argument: exit status 2. */
public class ConfigError extends LatError {
    public static final int EXIT_CODE = 2;

    public ConfigError(String message) {
        super(message, EXIT_CODE);
    }
}
