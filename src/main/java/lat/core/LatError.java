package lat.core;

/**
 * An error the user can act on: its message names the file, key or value at fault and what was
 * expected. The command line prints the message alone (no stack trace) and exits with
 * {@link #exitCode()}.
 */
public class LatError extends RuntimeException {
    private final int exitCode;

    public LatError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public LatError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
