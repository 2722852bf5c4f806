package lat.core;

/**
 * Work that did not finish within its time limit (a stuck executor or parameter-server handshake):
 * exit status 4. What was done before it is kept; a rerun of the same run id resumes.
 */
public class StallError extends LatError {
    public static final int EXIT_CODE = 4;

    public StallError(String message) {
        super(message, EXIT_CODE);
    }
}
