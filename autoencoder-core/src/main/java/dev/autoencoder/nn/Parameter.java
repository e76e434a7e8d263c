package dev.autoencoder.nn;

import dev.autoencoder.kernel.Tensor;

/**
 * One trainable tensor (a weight matrix or a bias row) with its gradient of the same shape. Layers own
 * parameters; optimizers read {@code grad} and update {@code value} in place.
 */
public final class Parameter {
    private final String name;
    public final Tensor value;
    public final Tensor grad;

    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.precision(), value.rows, value.cols);
    }

    /** A readable name such as {@code layer1.weights}. */
    public String name() {
        return name;
    }

    public int size() {
        return value.size();
    }

    /** The values of a float64 parameter (shared: writing them changes the parameter). */
    public double[] values() {
        return value.doubles();
    }

    /** The gradient of a float64 parameter (shared). */
    public double[] gradients() {
        return grad.doubles();
    }
}
