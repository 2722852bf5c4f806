package lat.core;

/** Missing, unreadable, corrupt or truncated data: exit status 3. The message names the file. */
public class DataError extends LatError {
    public static final int EXIT_CODE = 3;

    public DataError(String message) {
        super(message, EXIT_CODE);
    }

    public DataError(String message, Throwable cause) {
        super(message, EXIT_CODE, cause);
    }
}
