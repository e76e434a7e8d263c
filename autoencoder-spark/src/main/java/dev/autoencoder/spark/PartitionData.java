package dev.autoencoder.spark;

import dev.autoencoder.math.Matrix;
import java.io.Serializable;

/**
 * One partition's rows as a single row-major block (cached once, reused every step), so each task
 * runs the core's batched forward and backward over its whole partition.
 */
public record PartitionData(int rows, int cols, double[] values) implements Serializable {
    public Matrix matrix() {
        return new Matrix(rows, cols, values);
    }
}
