package dev.autoencoder.nn;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stack of dense layers: widths w0 -> w1 -> ... -> wL, one activation per layer.
 * An autoencoder is a network whose last width equals its first; nothing here requires it.
 *
 * <p>Shapes: x: (batch x w0) -> output: (batch x wL). The network holds the layers and their parameters;
 * the activations of a pass live in a {@link Pass}, so reading a network from several threads is safe.
 */
public final class Network {
    private final List<DenseLayer> layers;

    public Network(List<DenseLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + i + " gives " + layers.get(i - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * A freshly initialized network. Weights are drawn layer by layer, each (out x in) matrix row by
     * row, from {@code rng} (the chapter's order); biases are set to {@code biasInit}.
     */
    public static Network initialize(int[] widths, Activation[] activations, Initializer init,
                                     double biasInit, NumpyRandom rng) {
        validateArchitecture(widths, activations);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            int p = widths[l], k = widths[l + 1];
            double[] w = new double[p * k];
            init.fill(w, p, k, rng);
            double[] b = new double[k];
            java.util.Arrays.fill(b, biasInit);
            layers.add(new DenseLayer(p, k, activations[l], w, b, "layer" + (l + 1)));
        }
        return new Network(layers);
    }

    /** Checks widths (at least two, each at least 1) and one activation per layer. */
    public static void validateArchitecture(int[] widths, Activation[] activations) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least 2 widths (input and output), found "
                    + widths.length);
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("layer widths must be at least 1, found " + widths[i]
                        + " at position " + (i + 1));
            }
        }
        if (activations.length != widths.length - 1) {
            throw new IllegalArgumentException(widths.length + " widths make " + (widths.length - 1)
                    + " layers, which need as many activations, found " + activations.length);
        }
    }

    /**
     * The activations of one forward pass and the gradients of one backward pass, for a batch of a fixed
     * number of rows: per layer z, a = f(z), dL/dz and dL/d(input). Made by {@link #newPass}; reused by
     * every step of that batch size. A pass belongs to one thread at a time; the network itself is shared.
     */
    public static final class Pass {
        final int rows;
        Tensor input;
        final Tensor[] z, a, dZ, dInput;

        Pass(Network net, Precision p, int rows) {
            int count = net.layers.size();
            this.rows = rows;
            z = new Tensor[count];
            a = new Tensor[count];
            dZ = new Tensor[count];
            dInput = new Tensor[count];
            for (int l = 0; l < count; l++) {
                DenseLayer layer = net.layers.get(l);
                z[l] = Tensor.zeros(p, rows, layer.outputs());
                a[l] = layer.activation() == Activation.LINEAR ? z[l] : Tensor.zeros(p, rows, layer.outputs());
                dZ[l] = layer.activation() == Activation.LINEAR ? null : Tensor.zeros(p, rows, layer.outputs());
                dInput[l] = l == 0 ? null : Tensor.zeros(p, rows, layer.inputs());
            }
        }

        public int rows() {
            return rows;
        }

        /** The output a of layer {@code layer} (0-based) in the last forward pass. */
        public Tensor output(int layer) {
            return a[layer];
        }

        /** The pre-activation z of layer {@code layer} (0-based) in the last forward pass. */
        public Tensor preActivation(int layer) {
            return z[layer];
        }

        /** dL/dz of layer {@code layer} (0-based) in the last backward pass; null for a linear layer (it is dL/da). */
        public Tensor delta(int layer) {
            return dZ[layer];
        }

        /** The network's output in the last forward pass. */
        public Tensor output() {
            return a[a.length - 1];
        }
    }

    /** A pass for batches of {@code rows} rows in precision p. */
    public Pass newPass(Precision p, int rows) {
        return new Pass(this, p, rows);
    }

    /** x: (batch x w0) -> (batch x wL), the pass's output tensor; the pass keeps every layer's z and a. */
    public Tensor forward(Ops ops, Tensor x, Pass pass) {
        return forwardTo(ops, x, pass, layers.size());
    }

    /** Forward through the first {@code count} layers only; returns layer {@code count}'s output. */
    public Tensor forwardTo(Ops ops, Tensor x, Pass pass, int count) {
        if (x.cols != inputWidth() || x.rows != pass.rows) {
            throw new IllegalArgumentException("the network takes rows of " + inputWidth() + " inputs in batches of "
                    + pass.rows + ", found " + x.rows + " x " + x.cols);
        }
        pass.input = x;
        Tensor h = x;
        for (int l = 0; l < count; l++) {
            layers.get(l).forward(ops, h, pass.z[l], pass.a[l]);
            h = pass.a[l];
        }
        return h;
    }

    /**
     * Backpropagation after {@link #forward} on the same pass: dOut = dL/dOutput (batch x wL); writes every
     * parameter's gradient, summed over the batch's rows.
     */
    public void backward(Ops ops, Pass pass, Tensor dOut) {
        Tensor g = dOut;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Tensor x = l == 0 ? pass.input : pass.a[l - 1];
            layers.get(l).backward(ops, x, pass.z[l], pass.a[l], g, pass.dZ[l], pass.dInput[l]);
            g = pass.dInput[l];
        }
    }

    /** A float64 forward pass over the rows of x (a new pass; safe to call from any number of threads). */
    public Pass record(Matrix x) {
        requireFloat64();
        Pass pass = newPass(Precision.FLOAT64, x.rows);
        forward(Ops.shared(Precision.FLOAT64), Tensor.wrap(x), pass);
        return pass;
    }

    /** x: (batch x w0) -> a new (batch x wL) matrix, in float64. Thread-safe. */
    public Matrix forward(Matrix x) {
        return record(x).output().toMatrix();
    }

    /** The output of layer {@code count} (1-based) for the rows of x, in float64. Thread-safe. */
    public Matrix forwardTo(Matrix x, int count) {
        if (count < 1 || count > layers.size()) {
            throw new IllegalArgumentException("layer must be in 1.." + layers.size() + ", found " + count);
        }
        requireFloat64();
        Pass pass = newPass(Precision.FLOAT64, x.rows);
        return forwardTo(Ops.shared(Precision.FLOAT64), Tensor.wrap(x), pass, count).toMatrix();
    }

    /**
     * In float64: forward the rows of x, the loss of reconstructing them, backward; sets every parameter's
     * gradient to the gradient summed over the rows and returns the summed loss. What one training step
     * computes before dividing by the batch size.
     */
    public double computeGradients(Matrix x, Loss loss) {
        return computeGradients(x, x, loss);
    }

    /** {@link #computeGradients(Matrix, Loss)} with a target other than the input (the clean rows of a denoising run). */
    public double computeGradients(Matrix input, Matrix target, Loss loss) {
        requireFloat64();
        Ops ops = Ops.shared(Precision.FLOAT64);
        Pass pass = newPass(Precision.FLOAT64, input.rows);
        Tensor out = forward(ops, Tensor.wrap(input), pass);
        Tensor g = Tensor.zeros(Precision.FLOAT64, target.rows, target.cols);
        double sum = ops.loss(loss, out, Tensor.wrap(target), g);
        backward(ops, pass, g);
        return sum;
    }

    private void requireFloat64() {
        if (precision() != Precision.FLOAT64) {
            throw new IllegalStateException("this network is in " + precision().id() + "; use forward(Ops, ...)");
        }
    }

    public Precision precision() {
        return layers.get(0).precision();
    }

    /** Weights then bias, layer by layer. */
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2 * layers.size());
        for (DenseLayer l : layers) {
            ps.add(l.weights());
            ps.add(l.bias());
        }
        return Collections.unmodifiableList(ps);
    }

    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    public DenseLayer layer(int index) {
        return layers.get(index);
    }

    public int inputWidth() {
        return layers.get(0).inputs();
    }

    public int outputWidth() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** Widths w0 .. wL. */
    public int[] widths() {
        int[] w = new int[layers.size() + 1];
        w[0] = inputWidth();
        for (int i = 0; i < layers.size(); i++) {
            w[i + 1] = layers.get(i).outputs();
        }
        return w;
    }

    public Activation[] activations() {
        return layers.stream().map(DenseLayer::activation).toArray(Activation[]::new);
    }

    /** Index (1-based count of layers) of the narrowest hidden layer: the bottleneck. */
    public int bottleneckLayer() {
        int[] w = widths();
        int best = 1;
        for (int i = 1; i < w.length - 1; i++) {
            if (w[i] < w[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A deep copy of the parameters. */
    public Network copy() {
        return to(precision());
    }

    /** A deep copy in precision p (values rounded to float32 if asked; float32 to float64 is exact). */
    public Network to(Precision p) {
        List<DenseLayer> ls = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ls.add(layers.get(i).copy("layer" + (i + 1), p));
        }
        return new Network(ls);
    }

    /** Copies all parameter values from a network of the same architecture (in either precision). */
    public void copyParametersFrom(Network other) {
        List<Parameter> mine = parameters(), theirs = other.parameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("architectures differ");
        }
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).size() != theirs.get(i).size()) {
                throw new IllegalArgumentException("architectures differ at " + mine.get(i).name());
            }
            Tensor from = theirs.get(i).value, to = mine.get(i).value;
            if (from.precision() == to.precision()) {
                to.copyFrom(from);
            } else {
                to.setAll(from.toDoubles());
            }
        }
    }
}
