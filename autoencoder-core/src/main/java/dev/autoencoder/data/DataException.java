package dev.autoencoder.data;

/**
 * Input data that cannot be used, with where and why: the message names the file and, where it
 * applies, the line and column, says what was expected and what was found, and what to do.
 */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
