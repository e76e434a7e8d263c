package dev.autoencoder.nn;

import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;

/**
 * A fully connected layer followed by an element-wise activation.
 *
 * <p>Shapes: x: (batch x in) -> z = x W^T + b: (batch x out) -> a = f(z): (batch x out);
 * W: (out x in), b: (out). Forward keeps z and a for the backward pass; the work buffers are
 * sized once per batch size and reused.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;

    private Matrix input;   // the x of the last forward pass (not owned)
    private Matrix z;
    private Matrix a;
    private Matrix dZ;
    private Matrix dInput;

    public DenseLayer(int inputs, int outputs, Activation activation, double[] weights, double[] bias, String name) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, found "
                    + inputs + " -> " + outputs);
        }
        if (weights.length != inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("layer " + name + ": weights must be " + outputs + " x "
                    + inputs + " and bias " + outputs + ", found " + weights.length + " and " + bias.length);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.weights = new Parameter(name + ".weights", weights);
        this.bias = new Parameter(name + ".bias", bias);
    }

    /** x: (batch x in) -> a: (batch x out). The returned matrix is this layer's buffer. */
    public Matrix forward(Matrix x) {
        ensureBuffers(x.rows);
        input = x;
        Kernels.gemmTransBAddBias(x, weightMatrix(), bias.value, z);
        double[] zd = z.data, ad = a.data;
        for (int i = 0; i < zd.length; i++) {
            ad[i] = activation.apply(zd[i]);
        }
        return a;
    }

    /**
     * dOut: dL/da (batch x out) -> dL/dx (batch x in). Accumulates dL/dW = dZ^T x and
     * dL/db = column sums of dZ into the parameters' gradients (+=), where dZ = dOut * f'(z).
     * With {@code needInputGradient} false (the first layer) dL/dx is not computed and null is returned.
     */
    public Matrix backward(Matrix dOut, boolean needInputGradient) {
        if (input == null || dOut.rows != z.rows || dOut.cols != outputs) {
            throw new IllegalStateException("backward needs a forward pass of the same batch first");
        }
        double[] zd = z.data, ad = a.data, go = dOut.data, gz = dZ.data;
        for (int i = 0; i < gz.length; i++) {
            gz[i] = go[i] * activation.derivative(zd[i], ad[i]);
        }
        Kernels.gemmTransAAccumulate(dZ, input, weights.grad);
        Kernels.columnSumsAccumulate(dZ, bias.grad);
        if (!needInputGradient) {
            return null;
        }
        Kernels.gemm(dZ, weightMatrix(), dInput);
        return dInput;
    }

    private void ensureBuffers(int batch) {
        if (z == null || z.rows != batch) {
            z = new Matrix(batch, outputs);
            a = new Matrix(batch, outputs);
            dZ = new Matrix(batch, outputs);
            dInput = new Matrix(batch, inputs);
        }
    }

    /** W as a matrix view (shares the parameter's array). */
    public Matrix weightMatrix() {
        return new Matrix(outputs, inputs, weights.value);
    }

    public int inputs() { return inputs; }

    public int outputs() { return outputs; }

    public Activation activation() { return activation; }

    public Parameter weights() { return weights; }

    public Parameter bias() { return bias; }

    /** z of the last forward pass (batch x out), or null before any. */
    public Matrix preActivation() { return z; }

    /** a of the last forward pass (batch x out), or null before any. */
    public Matrix output() { return a; }

    /** dL/dz of the last backward pass (batch x out), or null before any. */
    public Matrix delta() { return dZ; }

    /** A layer with copies of this one's parameters and no cached state. */
    public DenseLayer copy(String name) {
        return new DenseLayer(inputs, outputs, activation, weights.value.clone(), bias.value.clone(), name);
    }
}
