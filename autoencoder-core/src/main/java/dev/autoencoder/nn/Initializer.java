package dev.autoencoder.nn;

import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Weight initializers. With p inputs and k outputs of a layer:
 *
 * <ul>
 *   <li>{@code xavier-uniform}: U[-l, l], l = sqrt(6 / (p + k)) (Glorot; the chapter's code);
 *   <li>{@code xavier-text}: U[-1/sqrt(p), 1/sqrt(p)] (the chapter's text, "Xavier");
 *   <li>{@code xavier-normalized-text}: U[-1/(sqrt(p) + k), 1/(sqrt(p) + k)] (the chapter's text,
 *       "normalized Xavier", as it is written there);
 *   <li>{@code he-uniform}: U[-l, l], l = sqrt(6 / p), and {@code he-normal}: N(0, 2 / p), for relu.
 * </ul>
 *
 * Weights are drawn row by row of the (out x in) matrix, the chapter's draw order.
 */
public enum Initializer {
    XAVIER_UNIFORM("xavier-uniform"),
    XAVIER_TEXT("xavier-text"),
    XAVIER_NORMALIZED_TEXT("xavier-normalized-text"),
    HE_UNIFORM("he-uniform"),
    HE_NORMAL("he-normal");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** Draws one weight for a layer with p inputs and k outputs. */
    public double draw(int p, int k, NumpyRandom rng) {
        switch (this) {
            case XAVIER_UNIFORM: {
                double l = Math.sqrt(6.0 / (p + k));
                return rng.uniform(-l, l);
            }
            case XAVIER_TEXT: {
                double l = 1.0 / Math.sqrt(p);
                return rng.uniform(-l, l);
            }
            case XAVIER_NORMALIZED_TEXT: {
                double l = 1.0 / (Math.sqrt(p) + k);
                return rng.uniform(-l, l);
            }
            case HE_UNIFORM: {
                double l = Math.sqrt(6.0 / p);
                return rng.uniform(-l, l);
            }
            case HE_NORMAL:
                return rng.normal(0.0, Math.sqrt(2.0 / p));
            default:
                throw new AssertionError(this);
        }
    }

    /** Fills a (k x p) row-major weight array in draw order. */
    public void fill(double[] weights, int p, int k, NumpyRandom rng) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] = draw(p, k, rng);
        }
    }

    public String id() {
        return id;
    }

    public static Initializer parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Initializer i : values()) {
            if (i.id.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Initializer::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
