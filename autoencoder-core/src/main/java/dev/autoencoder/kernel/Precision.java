package dev.autoencoder.kernel;

import java.util.Locale;

/**
 * The number format a network trains in. float64 is the default and the chapter's; float32 halves the
 * memory traffic and doubles the vector width, so wide layers train up to about twice as fast, at about
 * seven significant digits. Models are stored in float64 either way.
 */
public enum Precision {
    FLOAT64, FLOAT32;

    /** The name used on the command line and in records: {@code float64} or {@code float32}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float64} or {@code float32} (also {@code double} and {@code float}). */
    public static Precision parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float64", "double", "f64" -> FLOAT64;
            case "float32", "float", "f32" -> FLOAT32;
            default -> throw new IllegalArgumentException("precision must be float64 or float32, found '" + s + "'");
        };
    }
}
