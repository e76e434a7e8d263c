package dev.autoencoder.nn;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.math.Matrix;
import java.util.Locale;

/**
 * Reconstruction losses. Each gives the per-sample loss and its gradient dL/dOutput for one
 * sample; the trainer averages both over the batch.
 *
 * <ul>
 *   <li>{@code mse}: L = (1/n) sum_j (o_j - x_j)^2, dL/do_j = (2/n)(o_j - x_j) (the chapter's code);
 *   <li>{@code half-sse}: L = 1/2 sum_j (o_j - x_j)^2, dL/do_j = o_j - x_j (the chapter's text).
 * </ul>
 */
public enum Loss {
    MSE("mse") {
        @Override public double divisor(int width) { return width; }
        @Override public double gradientScale(int width) { return 2.0 / width; }
    },
    /** 0.5 * sum is computed as sum / 2.0 and o - x as 1.0 * (o - x): the same values exactly. */
    HALF_SSE("half-sse") {
        @Override public double divisor(int width) { return 2.0; }
        @Override public double gradientScale(int width) { return 1.0; }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /**
     * A sample's loss is (0.0 + d_0^2 + d_1^2 + ...) / divisor(width), with d_j = o_j - x_j in ascending j,
     * and its gradient gradientScale(width) * d_j: the operations the kernels run ({@code Ops#loss}).
     */
    public abstract double divisor(int width);

    /** See {@link #divisor}. */
    public abstract double gradientScale(int width);

    private double sampleLoss(double[] o, double[] x, int off, int width) {
        double acc = 0.0;
        for (int j = 0; j < width; j++) {
            double d = o[off + j] - x[off + j];
            acc += d * d;
        }
        return acc / divisor(width);
    }

    /** Per-sample losses of a batch: output and target are (n x width); returns n values. */
    public double[] perSample(Matrix output, Matrix target) {
        checkShapes(output, target);
        double[] losses = new double[output.rows];
        for (int i = 0; i < output.rows; i++) {
            losses[i] = sampleLoss(output.data, target.data, i * output.cols, output.cols);
        }
        return losses;
    }

    /** The sum over the batch of per-sample losses, summed in row order (float64). */
    public double sum(Matrix output, Matrix target) {
        checkShapes(output, target);
        return Ops.shared(Precision.FLOAT64).loss(this, Tensor.wrap(output), Tensor.wrap(target), null);
    }

    /** Writes dL_i/dOutput for every sample i into {@code gradient} (not divided by the batch; float64). */
    public void gradient(Matrix output, Matrix target, Matrix gradient) {
        checkShapes(output, target);
        checkShapes(output, gradient);
        Ops.shared(Precision.FLOAT64).loss(this, Tensor.wrap(output), Tensor.wrap(target), Tensor.wrap(gradient));
    }

    private static void checkShapes(Matrix a, Matrix b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("loss: output " + a + " and target " + b + " differ in shape");
        }
    }

    public String id() {
        return id;
    }

    public static Loss parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Loss l : values()) {
            if (l.id.equals(key)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of mse, half-sse");
    }

    @Override
    public String toString() {
        return id;
    }
}
