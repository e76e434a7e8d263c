package dev.autoencoder.nn;

import dev.autoencoder.math.LaneKernels;
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
        @Override double laneDivisor(int width) { return width; }
        @Override double laneGradientScale(int width) { return 2.0 / width; }
        @Override double sampleLoss(double[] o, int off, int step, double[] x, int xOff, int n) {
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                double d = o[off + j * step] - x[xOff + j];
                acc += d * d;
            }
            return acc / n;
        }
        @Override void sampleGradient(double[] o, int off, int step, double[] x, int xOff, int n, double[] out) {
            double c = 2.0 / n;
            for (int j = 0; j < n; j++) {
                out[off + j * step] = c * (o[off + j * step] - x[xOff + j]);
            }
        }
    },
    HALF_SSE("half-sse") {
        @Override double laneDivisor(int width) { return 2.0; }       // 0.5 * acc is acc / 2.0 exactly
        @Override double laneGradientScale(int width) { return 1.0; } // 1.0 * d is d exactly
        @Override double sampleLoss(double[] o, int off, int step, double[] x, int xOff, int n) {
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                double d = o[off + j * step] - x[xOff + j];
                acc += d * d;
            }
            return 0.5 * acc;
        }
        @Override void sampleGradient(double[] o, int off, int step, double[] x, int xOff, int n, double[] out) {
            for (int j = 0; j < n; j++) {
                out[off + j * step] = o[off + j * step] - x[xOff + j];
            }
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /**
     * For {@link LaneKernels#squaredError}: a sample's loss is its sum of squared differences divided by
     * this, and its gradient this scale times the difference; the same bits as {@link #sampleLoss} and
     * {@link #sampleGradient}.
     */
    abstract double laneDivisor(int width);

    abstract double laneGradientScale(int width);

    /**
     * One sample's loss: its output values are output[offset + j * step] (step 1 for a row-major batch,
     * the lane stride for {@link SmallNetworkPass}'s unit-major one), its target target[targetOffset + j].
     */
    abstract double sampleLoss(double[] output, int offset, int step, double[] target, int targetOffset, int width);

    /** One sample's dL/dOutput, written where its output values are (same offset and step). */
    abstract void sampleGradient(double[] output, int offset, int step, double[] target, int targetOffset, int width,
                                 double[] out);

    /** Per-sample losses of a batch: output and target are (n x width); returns n values. */
    public double[] perSample(Matrix output, Matrix target) {
        checkShapes(output, target);
        double[] losses = new double[output.rows];
        for (int i = 0; i < output.rows; i++) {
            losses[i] = sampleLoss(output.data, i * output.cols, 1, target.data, i * output.cols, output.cols);
        }
        return losses;
    }

    /** The sum over the batch of per-sample losses, summed in row order. */
    public double sum(Matrix output, Matrix target) {
        checkShapes(output, target);
        double acc = 0.0;
        for (int i = 0; i < output.rows; i++) {
            acc += sampleLoss(output.data, i * output.cols, 1, target.data, i * output.cols, output.cols);
        }
        return acc;
    }

    /** Writes dL_i/dOutput for every sample i into {@code gradient} (not divided by the batch). */
    public void gradient(Matrix output, Matrix target, Matrix gradient) {
        checkShapes(output, target);
        checkShapes(output, gradient);
        for (int i = 0; i < output.rows; i++) {
            sampleGradient(output.data, i * output.cols, 1, target.data, i * output.cols, output.cols, gradient.data);
        }
    }

    /**
     * {@link #sum} and, when {@code gradient} is not null, {@link #gradient} for outputs stored unit-major
     * (sample s of unit j at output[j * stride + s]), the gradient in the same layout: the same
     * operations in the same order, so the same bits.
     */
    double sumLanes(double[] output, int stride, double[] targetLanes, int width, int rows, boolean vector,
                    double[] gradient, double[] perSample) {
        return LaneKernels.squaredError(vector, output, targetLanes, width, rows, stride, laneDivisor(width),
                laneGradientScale(width), gradient, perSample);
    }

    double sumLanes(double[] output, int stride, Matrix target, double[] gradient) {
        int w = target.cols;
        double acc = 0.0;
        for (int i = 0; i < target.rows; i++) {
            acc += sampleLoss(output, i, stride, target.data, i * w, w);
            if (gradient != null) {
                sampleGradient(output, i, stride, target.data, i * w, w, gradient);
            }
        }
        return acc;
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
