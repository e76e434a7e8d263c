package dev.autoencoder.kernel;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Loss;

/**
 * Everything a dense network computes, on {@link Tensor}s of one precision: products with either operand
 * transposed, the bias and column sums, activations forward and backward, the loss and its gradient, and
 * the optimizers' updates. Layers, losses, optimizers and the trainer are written once against this
 * interface, for both precisions.
 *
 * <p>Two implementations give the same bits for the same inputs (a contract test checks it): {@link PlainOps},
 * plain Java loops, the reference and the fallback; and {@link VectorOps}, which runs the heavy kernels on
 * the JDK's Vector API ({@code --add-modules jdk.incubator.vector}). {@link #create} picks once, from the
 * precision and thread count; nothing depends on the JIT's state. An instance with more than one thread owns
 * its worker threads and serves one caller at a time: close it when done. A one-thread instance holds no
 * state and may be shared ({@link #shared}).
 *
 * <p>Results never depend on the thread count: each output element is computed whole by one thread, in a
 * fixed order.
 */
public interface Ops extends AutoCloseable {
    Precision precision();

    /** Threads the kernels use, the caller's included. */
    int threads();

    /** A tensor of zeros in this precision. */
    default Tensor zeros(int rows, int cols) {
        return Tensor.zeros(precision(), rows, cols);
    }

    /**
     * out = op(a) op(b), op(x) being x or its transpose. Each element is one run of fused multiply-adds over
     * the inner index in ascending order from 0.
     */
    void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor out);

    /** z (n x m) += b (1 x m) in every row: a layer's bias. */
    void addRowVector(Tensor z, Tensor b);

    /** sums (1 x m) = the column sums of a (n x m), each column summed top to bottom from 0. */
    void columnSums(Tensor a, Tensor sums);

    /** a = f(z), element by element; a may be z. */
    void activate(Activation f, Tensor z, Tensor a);

    /** dZ = dA f'(z), element by element, with f' from z and a = f(z) ({@link Activation#derivative}). */
    void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ);

    /**
     * The loss of every row of {@code out} against {@code target}, summed over rows in order (in double);
     * with {@code grad} not null also dL_row/dOut into it (not divided by the number of rows).
     */
    double loss(Loss loss, Tensor out, Tensor target, Tensor grad);

    /** t /= by, element by element (a batch sum into a batch mean). */
    void divide(Tensor t, double by);

    /** Gradient descent: w -= rate g. */
    void sgd(Tensor w, Tensor g, double rate);

    /** Momentum, PyTorch's form: v = mu v + g, then w -= rate v (Nesterov: w -= rate (g + mu v)). */
    void momentum(Tensor w, Tensor g, Tensor v, double rate, double mu, boolean nesterov);

    /** One Adam step on w with moments m and v (see {@link AdamStep} for the formula). */
    void adam(Tensor w, Tensor g, Tensor m, Tensor v, AdamStep step);

    /** dst's rows = src's rows order[from], order[from + 1], ... (as many as dst has). */
    void gatherRows(Tensor src, int[] order, int from, Tensor dst);

    /** Stops the worker threads, if any. */
    @Override
    void close();

    /** Whether the Vector API module is present (the JVM was started with --add-modules jdk.incubator.vector). */
    static boolean vectorAvailable() {
        return PlainOps.VECTOR_MODULE;
    }

    /**
     * Kernels for this precision and thread count (0 for all cores): on the Vector API where the module is
     * present, plain loops otherwise (with a one-line note on stderr, once per JVM, saying how to enable it).
     */
    static Ops create(Precision precision, int threads) {
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (vectorAvailable()) {
            return new VectorOps(precision, t);
        }
        PlainOps.noteMissingModule();
        return new PlainOps(precision, t);
    }

    /** The plain reference kernels (the same bits as {@link #create}'s, slower on wide layers). */
    static Ops plain(Precision precision, int threads) {
        return new PlainOps(precision, threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
    }

    /** A one-thread instance, shared and safe to use from any number of threads at once. */
    static Ops shared(Precision precision) {
        return PlainOps.shared(precision);
    }
}
