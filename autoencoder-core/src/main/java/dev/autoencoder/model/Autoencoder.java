package dev.autoencoder.model;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.nn.Network;
import java.util.List;
import java.util.Map;

/**
 * A trained autoencoder, ready to use and never trained further: input scaling, the network, the
 * names of the columns it expects, and where it came from. It encodes, reconstructs and scores rows
 * given in the data's original units.
 *
 * <p>Anomaly score: the mean over features of the squared reconstruction error in the model's
 * scaled space, so every feature counts on the same scale; with {@link #codeWeight} &gt; 0, plus how far
 * the row's code lies from the training rows' codes ({@link CodeDistance}). An ensemble ({@link #members()} &gt; 1) keeps
 * several networks trained on the same rows; its score is the mean over members of each member's score
 * standardized by the median and interquartile range it had on the training rows, so no member's scale
 * dominates and one poor member cannot sink the result. The first network is the model's face: codes,
 * reconstructions and per-feature errors come from it.
 *
 * <p>Immutable and thread-safe: any number of threads may encode, reconstruct and score with one model at
 * once (each call makes its own buffers).
 */
public final class Autoencoder {
    private final Network network;
    /** Further members of an ensemble (empty for a single network), and every member's score centre and spread. */
    private final List<Network> others;
    private final double[] center;
    private final double[] spread;
    private final Scaler scaler;
    private final List<String> columns;
    private final Map<String, Object> provenance;
    private final Map<String, Double> trainingErrors;
    /** PCA fitted on the training rows in the scaled space, the baseline to score beside the model; may be null. */
    private final Pca baseline;
    /** One per member when the codes count in the score ({@link CodeDistance}); empty when they do not. */
    private final List<CodeDistance> codes;
    private final double codeWeight;

    /**
     * @param network        copied, so later changes to the argument do not reach the model
     * @param trainingErrors quantiles of the training rows' scores (keys p50, p90, p95, p99, max), may be empty
     */
    public Autoencoder(Network network, Scaler scaler, List<String> columns, Map<String, Object> provenance,
                       Map<String, Double> trainingErrors) {
        this(List.of(network), new double[] {0}, new double[] {1}, scaler, columns, provenance, trainingErrors);
    }

    /**
     * An ensemble: {@code members.get(0)} gives codes and reconstructions; member m's score counts as
     * (score - center[m]) / spread[m]. With one member the score is that member's own.
     */
    public Autoencoder(List<Network> members, double[] center, double[] spread, Scaler scaler, List<String> columns,
                       Map<String, Object> provenance, Map<String, Double> trainingErrors) {
        this(members, center, spread, scaler, columns, provenance, trainingErrors, null, List.of(), 0);
    }

    private Autoencoder(List<Network> members, double[] center, double[] spread, Scaler scaler, List<String> columns,
                        Map<String, Object> provenance, Map<String, Double> trainingErrors, Pca baseline,
                        List<CodeDistance> codes, double codeWeight) {
        if (members.isEmpty() || center.length != members.size() || spread.length != members.size()) {
            throw new IllegalArgumentException("an ensemble needs one score centre and spread per member; found "
                    + members.size() + " members, " + center.length + " centres, " + spread.length + " spreads");
        }
        for (int m = 0; m < members.size(); m++) {
            Network n = members.get(m);
            if (n.inputWidth() != members.get(0).inputWidth() || n.outputWidth() != members.get(0).outputWidth()) {
                throw new IllegalArgumentException("ensemble member " + (m + 1) + " is " + n.inputWidth() + " -> "
                        + n.outputWidth() + " wide; the first is " + members.get(0).inputWidth());
            }
            if (!Double.isFinite(center[m]) || !(spread[m] > 0) || !Double.isFinite(spread[m])) {
                throw new IllegalArgumentException("ensemble member " + (m + 1) + " has score centre " + center[m]
                        + " and spread " + spread[m] + "; expected a finite centre and a positive spread");
            }
        }
        if (!codes.isEmpty() && codes.size() != members.size()) {
            throw new IllegalArgumentException("a code distance per member is needed; found " + codes.size()
                    + " for " + members.size() + " members");
        }
        for (int m = 0; m < codes.size(); m++) {
            Network n = members.get(m);
            if (codes.get(m).width() != n.widths()[n.bottleneckLayer()]) {
                throw new IllegalArgumentException("member " + (m + 1) + "'s code is " + n.widths()[n.bottleneckLayer()]
                        + " wide; its code distance is for " + codes.get(m).width());
            }
        }
        if (!(codeWeight >= 0) || !Double.isFinite(codeWeight) || (codeWeight > 0 && codes.isEmpty())) {
            throw new IllegalArgumentException("the code weight must be 0, or positive with a code distance per member; "
                    + "found " + codeWeight + " with " + codes.size() + " distances");
        }
        Network network = members.get(0);
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
        this.others = members.subList(1, members.size()).stream().map(Network::copy).toList();
        this.center = center.clone();
        this.baseline = baseline;
        this.codes = List.copyOf(codes);
        this.codeWeight = codeWeight;
        this.spread = spread.clone();
        this.scaler = scaler;
        this.columns = List.copyOf(columns);
        this.provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        this.trainingErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainingErrors));
    }

    /** The network's parameters, copied (changing them does not change the model). */
    public Network network() {
        return network.copy();
    }

    /** This model with a baseline: PCA fitted on its training rows in its scaled space. */
    public Autoencoder withBaseline(Pca pca) {
        if (pca.mean().length != inputWidth()) {
            throw new IllegalArgumentException("a baseline for " + pca.mean().length + " columns; the model has "
                    + inputWidth());
        }
        return new Autoencoder(memberList(), center, spread, scaler, columns, provenance, trainingErrors, pca, codes,
                codeWeight);
    }

    /**
     * This model with its codes counting in the score: member m's score becomes its reconstruction error plus
     * {@code weight} times its code's distance, each over its training spread ({@link CodeDistance}). Score
     * centres, spreads and training errors stay as they are: {@link #withScoreScales} sets them for the new
     * scores.
     */
    public Autoencoder withCodeDistances(List<CodeDistance> distances, double weight) {
        return new Autoencoder(memberList(), center, spread, scaler, columns, provenance, trainingErrors, baseline,
                distances, weight);
    }

    /** This model with these members' score centres and spreads and these training-score quantiles. */
    public Autoencoder withScoreScales(double[] center, double[] spread, Map<String, Double> trainingErrors) {
        return new Autoencoder(memberList(), center, spread, scaler, columns, provenance, trainingErrors, baseline,
                codes, codeWeight);
    }

    private List<Network> memberList() {
        List<Network> members = new java.util.ArrayList<>();
        for (int m = 0; m < members(); m++) {
            members.add(m == 0 ? network : others.get(m - 1));
        }
        return members;
    }

    /** Member m's code distance, when the codes count in the score. */
    public java.util.Optional<CodeDistance> codeDistance(int m) {
        return codes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(codes.get(m));
    }

    /** How much a member's code distance counts against its reconstruction error (0: not at all). */
    public double codeWeight() {
        return codeWeight;
    }

    /** The PCA baseline fitted on the training rows (in scaled units), if the model has one. */
    public java.util.Optional<Pca> baseline() {
        return java.util.Optional.ofNullable(baseline);
    }

    /** How many networks score together: 1 for a single autoencoder. */
    public int members() {
        return 1 + others.size();
    }

    /** Member m's parameters (0 is {@link #network()}), copied. */
    public Network member(int m) {
        return m == 0 ? network() : others.get(m - 1).copy();
    }

    /** Member m's score centre (0 for a single network). */
    public double scoreCenter(int m) {
        return center[m];
    }

    /** Member m's score spread (1 for a single network). */
    public double scoreSpread(int m) {
        return spread[m];
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

    /** The latent codes of rows in original units: the output of the {@link #latentLayer}. */
    public Matrix encode(Matrix raw) {
        return encode(raw, latentLayer());
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

    /**
     * Per-row anomaly scores: the mean of {@link #featureErrors}; for an ensemble, the mean of the members'
     * standardized scores ({@link #combine}).
     */
    public double[] score(Matrix raw) {
        checkWidth(raw);
        return combine(memberScores(scaler.transform(raw)));
    }

    /**
     * Each member's own scores for rows already in scaled units, [member][row]: the mean squared error, or,
     * when the codes count ({@link #codeWeight} &gt; 0), error / errorScale + weight * distance / codeScale.
     */
    public double[][] memberScores(Matrix scaled) {
        double[][] own = new double[members()][];
        for (int m = 0; m < own.length; m++) {
            Network net = m == 0 ? network : others.get(m - 1);
            Network.Pass pass = net.record(scaled); // one forward pass gives the code and the reconstruction
            Matrix rec = pass.output().toMatrix();
            double[] s = new double[scaled.rows];
            for (int r = 0; r < scaled.rows; r++) {
                double acc = 0;
                for (int c = 0; c < scaled.cols; c++) {
                    double d = rec.data[r * scaled.cols + c] - scaled.data[r * scaled.cols + c];
                    acc += d * d;
                }
                s[r] = acc / scaled.cols;
            }
            if (codeWeight > 0) {
                CodeDistance cd = codes.get(m);
                s = cd.score(s, cd.distances(pass.output(net.bottleneckLayer() - 1).toMatrix()), codeWeight);
            }
            own[m] = s;
        }
        return own;
    }

    /**
     * The model's score from its members' own scores: (score - center) / spread, averaged over members. A
     * single network's centre 0 and spread 1 leave its score as it is, to the bit.
     */
    public double[] combine(double[][] own) {
        if (own.length == 1 && center[0] == 0 && spread[0] == 1) {
            return own[0].clone();
        }
        double[] total = new double[own[0].length];
        for (int m = 0; m < own.length; m++) {
            for (int r = 0; r < total.length; r++) {
                total[r] += (own[m][r] - center[m]) / spread[m];
            }
        }
        for (int r = 0; r < total.length; r++) {
            total[r] /= own.length;
        }
        return total;
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
