package dev.autoencoder.model;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Network;
import java.util.List;
import java.util.Map;

/**
 * A trained autoencoder, ready to use and never trained further: input scaling, the network, the
 * names of the columns it expects, and where it came from. It encodes, reconstructs and scores rows
 * given in the data's original units.
 *
 * <p>Anomaly score: the mean over features of the squared reconstruction error in the model's
 * scaled space, so every feature counts on the same scale.
 *
 * <p>Immutable and thread-safe: any number of threads may encode, reconstruct and score with one model at
 * once (each call makes its own buffers).
 */
public final class Autoencoder {
    private final Network network;
    private final Scaler scaler;
    private final List<String> columns;
    private final Map<String, Object> provenance;
    private final Map<String, Double> trainingErrors;

    /**
     * @param network        copied, so later changes to the argument do not reach the model
     * @param trainingErrors quantiles of the training rows' scores (keys p50, p90, p95, p99, max), may be empty
     */
    public Autoencoder(Network network, Scaler scaler, List<String> columns, Map<String, Object> provenance,
                       Map<String, Double> trainingErrors) {
        if (scaler.width() != network.inputWidth() || network.inputWidth() != network.outputWidth()) {
            throw new IllegalArgumentException("an autoencoder needs equal input and output widths and a scaler of "
                    + "that width; found " + network.inputWidth() + " -> " + network.outputWidth() + " with a scaler of "
                    + scaler.width());
        }
        if (columns.size() != network.inputWidth()) {
            throw new IllegalArgumentException("the model has " + network.inputWidth() + " inputs but "
                    + columns.size() + " column names");
        }
        this.network = network.copy();
        this.scaler = scaler;
        this.columns = List.copyOf(columns);
        this.provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        this.trainingErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainingErrors));
    }

    /** The network's parameters, copied (changing them does not change the model). */
    public Network network() {
        return network.copy();
    }

    public Scaler scaler() {
        return scaler;
    }

    public List<String> columns() {
        return columns;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    public Map<String, Double> trainingErrors() {
        return trainingErrors;
    }

    public int inputWidth() {
        return network.inputWidth();
    }

    /** The 1-based layer whose output is the code (the narrowest hidden layer). */
    public int latentLayer() {
        return network.bottleneckLayer();
    }

    public int width(int layer) {
        return network.widths()[layer];
    }

    public int layerCount() {
        return network.layers().size();
    }

    private void checkWidth(Matrix raw) {
        if (raw.cols != inputWidth()) {
            throw new IllegalArgumentException("the model expects " + inputWidth() + " columns " + columns
                    + ", the data has " + raw.cols);
        }
    }

    /** The output of hidden layer {@code layer} (1-based) for rows in original units. */
    public Matrix encode(Matrix raw, int layer) {
        checkWidth(raw);
        if (layer < 1 || layer >= network.layers().size()) {
            throw new IllegalArgumentException("layer must name a hidden layer, 1.." + (network.layers().size() - 1)
                    + ", found " + layer);
        }
        return network.forwardTo(scaler.transform(raw), layer);
    }

    /** Reconstructions in scaled units, for rows in scaled units. */
    public Matrix reconstructScaled(Matrix scaled) {
        return network.forward(scaled);
    }

    /** Reconstructions in the data's original units. */
    public Matrix reconstruct(Matrix raw) {
        checkWidth(raw);
        return scaler.inverse(reconstructScaled(scaler.transform(raw)));
    }

    /** Per-row, per-feature squared errors in scaled space: (rows x features). */
    public Matrix featureErrors(Matrix raw) {
        checkWidth(raw);
        Matrix scaled = scaler.transform(raw);
        Matrix rec = reconstructScaled(scaled);
        Matrix e = new Matrix(raw.rows, raw.cols);
        for (int i = 0; i < e.data.length; i++) {
            double d = rec.data[i] - scaled.data[i];
            e.data[i] = d * d;
        }
        return e;
    }

    /** Per-row anomaly scores: the mean of {@link #featureErrors}. */
    public double[] score(Matrix raw) {
        return rowMeans(featureErrors(raw));
    }

    /** The mean of each row. */
    public static double[] rowMeans(Matrix m) {
        double[] s = new double[m.rows];
        for (int r = 0; r < m.rows; r++) {
            double acc = 0;
            for (int c = 0; c < m.cols; c++) {
                acc += m.data[r * m.cols + c];
            }
            s[r] = acc / m.cols;
        }
        return s;
    }
}
