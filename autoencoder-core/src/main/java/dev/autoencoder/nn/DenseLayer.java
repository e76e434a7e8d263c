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
    private final Matrix wView;     // W as a matrix (shares the parameter's array)
    private final Matrix gradView;  // dL/dW as a matrix (shares the gradient's array)
    private Matrix wt;              // W^T, refreshed each fast forward pass

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
        this.wView = new Matrix(outputs, inputs, this.weights.value);
        this.gradView = new Matrix(outputs, inputs, this.weights.grad);
    }

    /** x: (batch x in) -> a: (batch x out). The returned matrix is this layer's buffer. */
    public Matrix forward(Matrix x) {
        ensureBuffers(x.rows);
        input = x;
        if (Kernels.fast(x.rows, inputs, outputs)) {
            // z = x W^T + b with the vector kernel: transpose W once, then rows of x times W^T
            Kernels.transpose(wView, wt);
            Kernels.matmul(x, wt, z, false);
            Kernels.addToRows(z, bias.value);
        } else {
            Kernels.gemmTransBAddBias(x, wView, bias.value, z);
        }
        double[] zd = z.data, ad = a.data;
        if (activation == Activation.TANH) {
            Kernels.tanh(zd, ad, zd.length);
        } else if (activation == Activation.LINEAR) {
            System.arraycopy(zd, 0, ad, 0, zd.length); // apply(z) is z
        } else {
            for (int i = 0; i < zd.length; i++) {
                ad[i] = activation.apply(zd[i]);
            }
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
        // the common activations without a call per element, with the same arithmetic
        if (activation == Activation.TANH) {
            Kernels.tanhBackward(go, ad, gz, gz.length);
        } else if (activation == Activation.LINEAR) {
            System.arraycopy(go, 0, gz, 0, gz.length); // x * 1.0 is x
        } else {
            for (int i = 0; i < gz.length; i++) {
                gz[i] = go[i] * activation.derivative(zd[i], ad[i]);
            }
        }
        boolean fast = Kernels.fast(dZ.rows, inputs, outputs);
        if (fast) {
            // dW += dZ^T x, reading dZ column-wise in place
            Kernels.matmulTransA(dZ, input, gradView, true);
        } else {
            Kernels.gemmTransAAccumulate(dZ, input, weights.grad);
        }
        Kernels.columnSumsAccumulate(dZ, bias.grad);
        if (!needInputGradient) {
            return null;
        }
        if (fast) {
            Kernels.matmul(dZ, wView, dInput, false);
        } else {
            Kernels.gemm(dZ, wView, dInput);
        }
        return dInput;
    }

    /** Work buffers for one batch size. */
    private record Buffers(Matrix z, Matrix a, Matrix dZ, Matrix dInput, Matrix wt) {}

    // Training alternates a few batch sizes (full batches, the last partial one, the validation rows);
    // keeping a buffer set for each means no step allocates once every size has been seen.
    private final java.util.Map<Integer, Buffers> buffers = new java.util.HashMap<>();

    private void ensureBuffers(int batch) {
        if (z != null && z.rows == batch) {
            return;
        }
        if (buffers.size() >= 4 && !buffers.containsKey(batch)) {
            buffers.clear(); // a fifth size: forget the old ones rather than grow without bound
        }
        Buffers b = buffers.computeIfAbsent(batch, n -> new Buffers(new Matrix(n, outputs), new Matrix(n, outputs),
                new Matrix(n, outputs), new Matrix(n, inputs), new Matrix(inputs, outputs)));
        z = b.z();
        a = b.a();
        dZ = b.dZ();
        dInput = b.dInput();
        wt = b.wt();
    }

    /** W as a matrix view (shares the parameter's array). */
    public Matrix weightMatrix() {
        return wView;
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
