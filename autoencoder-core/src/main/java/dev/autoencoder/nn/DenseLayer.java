package dev.autoencoder.nn;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.math.Matrix;

/**
 * A fully connected layer followed by an element-wise activation: the one place its forward and backward
 * passes are written, for every network size and both precisions.
 *
 * <p>x: (batch x in) -> z = x W^T + b: (batch x out) -> a = f(z): (batch x out); W: (out x in), b: (1 x out).
 * The layer holds only its parameters; the activations of a pass live in a {@link Network.Pass}, so one
 * layer can serve any number of passes at once.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;

    /** A float64 layer over copies of {@code weights} (out x in, row-major) and {@code bias} (out). */
    public DenseLayer(int inputs, int outputs, Activation activation, double[] weights, double[] bias, String name) {
        this(inputs, outputs, activation, Tensor.wrap(outputs, inputs, check(inputs, outputs, weights, bias, name).clone()),
                Tensor.wrap(1, outputs, bias.clone()), name);
    }

    private DenseLayer(int inputs, int outputs, Activation activation, Tensor weights, Tensor bias, String name) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.weights = new Parameter(name + ".weights", weights);
        this.bias = new Parameter(name + ".bias", bias);
    }

    private static double[] check(int inputs, int outputs, double[] weights, double[] bias, String name) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, found "
                    + inputs + " -> " + outputs);
        }
        if (weights.length != (long) inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("layer " + name + ": weights must be " + outputs + " x "
                    + inputs + " and bias " + outputs + ", found " + weights.length + " and " + bias.length);
        }
        return weights;
    }

    /**
     * z = x W^T + b, a = f(z). x: (batch x in); z and a: (batch x out). A linear layer may pass one tensor as
     * both z and a (a = z, nothing to compute).
     */
    public void forward(Ops ops, Tensor x, Tensor z, Tensor a) {
        ops.matmul(x, false, weights.value, true, z);
        ops.addRowVector(z, bias.value);
        if (a != z || activation != Activation.LINEAR) {
            ops.activate(activation, z, a);
        }
    }

    /**
     * Given dA = dL/da, writes dZ = dA f'(z), the parameters' gradients dL/dW = dZ^T x and dL/db = column
     * sums of dZ, and dX = dL/dx = dZ W unless dX is null (the first layer). A linear layer's dZ is dA itself
     * (f' = 1): its dZ argument is not used and may be null.
     */
    public void backward(Ops ops, Tensor x, Tensor z, Tensor a, Tensor dA, Tensor dZ, Tensor dX) {
        if (activation == Activation.LINEAR) {
            dZ = dA;
        } else {
            ops.activationBackward(activation, z, a, dA, dZ);
        }
        ops.matmul(dZ, true, x, false, weights.grad);
        ops.columnSums(dZ, bias.grad);
        if (dX != null) {
            ops.matmul(dZ, false, weights.value, false, dX);
        }
    }

    /** W as a float64 matrix (shared with the parameter). */
    public Matrix weightMatrix() {
        return new Matrix(outputs, inputs, weights.value.doubles());
    }

    public int inputs() { return inputs; }

    public int outputs() { return outputs; }

    public Activation activation() { return activation; }

    public Parameter weights() { return weights; }

    public Parameter bias() { return bias; }

    public Precision precision() { return weights.value.precision(); }

    /** A layer with copies of this one's parameters in precision p (rounded to float32 if asked). */
    public DenseLayer copy(String name, Precision p) {
        return new DenseLayer(inputs, outputs, activation, weights.value.to(p), bias.value.to(p), name);
    }
}
