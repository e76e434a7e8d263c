package dev.autoencoder.nn;

/**
 * One trainable array (a weight matrix or a bias vector) with its gradient of the same shape.
 * Layers own parameters; optimizers read {@code grad} and update {@code value} in place.
 */
public final class Parameter {
    private final String name;
    public final double[] value;
    public final double[] grad;

    public Parameter(String name, double[] value) {
        this.name = name;
        this.value = value;
        this.grad = new double[value.length];
    }

    /** A readable name such as {@code layer1.weights}. */
    public String name() {
        return name;
    }

    public int size() {
        return value.length;
    }

    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0.0);
    }
}
