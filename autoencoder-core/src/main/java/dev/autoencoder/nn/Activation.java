package dev.autoencoder.nn;

import dev.autoencoder.kernel.PortableMath;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Element-wise activation functions, each with its derivative written next to it.
 *
 * <p>{@link #derivative(double, double)} takes both the pre-activation z and the output a = f(z),
 * because the cheapest exact form differs: sigmoid's is a(1 - a) (the chapter's form), tanh's is
 * 1 - a^2, relu's needs z.
 */
public enum Activation {
    /**
     * 1 / (1 + e^-z), as {@link PortableMath#sigmoid}: accurate in both tails, and the same bits whether
     * computed one value at a time or a vector at a time.
     */
    SIGMOID("sigmoid") {
        @Override public double apply(double z) { return PortableMath.sigmoid(z); }
        @Override public double derivative(double z, double a) { return a * (1.0 - a); }
    },
    /** {@link PortableMath#tanh(double)}: the same bits scalar and vectorized, compiled or not. */
    TANH("tanh") {
        @Override public double apply(double z) { return PortableMath.tanh(z); }
        @Override public double derivative(double z, double a) { return 1.0 - a * a; }
    },
    /** max(0, z); derivative 0 at z = 0 (the usual subgradient choice). */
    RELU("relu") {
        @Override public double apply(double z) { return z > 0.0 ? z : 0.0; }
        @Override public double derivative(double z, double a) { return z > 0.0 ? 1.0 : 0.0; }
    },
    /** z for z > 0, 0.01 z otherwise (the slope Keras and PyTorch default to). */
    LEAKY_RELU("leaky-relu") {
        @Override public double apply(double z) { return z > 0.0 ? z : LEAKY_SLOPE * z; }
        @Override public double derivative(double z, double a) { return z > 0.0 ? 1.0 : LEAKY_SLOPE; }
    },
    /** z for z > 0, e^z - 1 otherwise (alpha = 1); derivative a + 1 on the negative side. */
    ELU("elu") {
        @Override public double apply(double z) { return z > 0.0 ? z : Math.expm1(z); }
        @Override public double derivative(double z, double a) { return z > 0.0 ? 1.0 : a + 1.0; }
    },
    /** ln(1 + e^z), as max(z, 0) + ln(1 + e^-|z|) so it never overflows; derivative sigmoid(z). */
    SOFTPLUS("softplus") {
        @Override public double apply(double z) { return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))); }
        @Override public double derivative(double z, double a) { return SIGMOID.apply(z); }
    },
    LINEAR("linear") {
        @Override public double apply(double z) { return z; }
        @Override public double derivative(double z, double a) { return 1.0; }
    };

    /** The negative-side slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.01;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** a = f(z). */
    public abstract double apply(double z);

    /** da/dz, given z and a = f(z). */
    public abstract double derivative(double z, double a);

    /** The name used on the command line and in model files, e.g. {@code leaky-relu}. */
    public String id() {
        return id;
    }

    /** Parses a name such as {@code sigmoid} or {@code leaky-relu} (case-insensitive). */
    public static Activation parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
