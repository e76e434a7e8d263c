package dev.autoencoder.nn;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stack of dense layers: widths w0 -> w1 -> ... -> wL, one activation per layer.
 * An autoencoder is a network whose last width equals its first; nothing here requires it.
 *
 * <p>Shapes: x: (batch x w0) -> output: (batch x wL).
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

    /** x: (batch x w0) -> (batch x wL), the last layer's buffer. */
    public Matrix forward(Matrix x) {
        if (x.cols != inputWidth()) {
            throw new IllegalArgumentException("the network takes " + inputWidth() + " inputs, found " + x.cols);
        }
        Matrix h = x;
        for (DenseLayer layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    /** Forward through the first {@code count} layers only: the code at hidden layer {@code count}. */
    public Matrix forwardTo(Matrix x, int count) {
        if (count < 1 || count > layers.size()) {
            throw new IllegalArgumentException("layer must be in 1.." + layers.size() + ", found " + count);
        }
        Matrix h = x;
        for (int i = 0; i < count; i++) {
            h = layers.get(i).forward(h);
        }
        return h;
    }

    /** dOut: dL/dOutput (batch x wL); accumulates every parameter's gradient (+=). */
    public void backward(Matrix dOut) {
        Matrix g = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
    }

    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
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

    /** A deep copy of the parameters (no cached activations). */
    public Network copy() {
        List<DenseLayer> ls = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ls.add(layers.get(i).copy("layer" + (i + 1)));
        }
        return new Network(ls);
    }

    /** Copies all parameter values from a network of the same architecture. */
    public void copyParametersFrom(Network other) {
        List<Parameter> mine = parameters(), theirs = other.parameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("architectures differ");
        }
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).size() != theirs.get(i).size()) {
                throw new IllegalArgumentException("architectures differ at " + mine.get(i).name());
            }
            System.arraycopy(theirs.get(i).value, 0, mine.get(i).value, 0, mine.get(i).size());
        }
    }
}
