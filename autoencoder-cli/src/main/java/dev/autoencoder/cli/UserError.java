package dev.autoencoder.cli;

/**
 * A failure to report to the user as one line (what was expected, what was found, what to do),
 * with the exit code to leave with. Stack traces are shown only with --verbose.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
