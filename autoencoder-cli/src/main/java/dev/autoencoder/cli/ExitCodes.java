package dev.autoencoder.cli;

/** Exit codes, following sysexits.h where one fits. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** Something failed that is not the user's input (a diverging run, an internal error). */
    public static final int FAILURE = 1;
    /** A bad command line: unknown option, malformed value. */
    public static final int USAGE = 2;
    /** Bad input data (EX_DATAERR). */
    public static final int DATA = 65;
    /** An input or output file could not be read or written (EX_IOERR). */
    public static final int IO = 74;
    /** Interrupted by SIGINT (128 + 2). */
    public static final int INTERRUPTED = 130;
    /** The reader of standard output went away (128 + SIGPIPE, as a shell reports a process killed by it). */
    public static final int PIPE = 141;
}
