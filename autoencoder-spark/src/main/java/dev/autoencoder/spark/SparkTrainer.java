package dev.autoencoder.spark;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.RankingMetrics;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.Optimizer;
import dev.autoencoder.random.NumpyRandom;
import dev.autoencoder.train.EarlyStopping;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingConfig;
import dev.autoencoder.train.TrainingState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel training on Spark, the way MLlib trains its perceptron: broadcast the parameters,
 * let every partition run the core's own forward and backward over its rows ({@link Network#computeGradients})
 * and return gradient sums and a loss sum, combine them with {@code treeAggregate}, and update on the driver
 * with the core's optimizers and early stopping ({@link EarlyStopping}). Full batch (the chapter's way: every row every step) or mini-batch (each step samples
 * about {@code batchSize} rows, each partition with its own seeded stream).
 *
 * <p>With full batches and the same seed, the model equals the single-machine trainer's up to the
 * order in which the row gradients are added (partition by partition here, row by row there): a few
 * units in the last place per step.
 */
public final class SparkTrainer {
    private final TrainSpec spec;

    public SparkTrainer(TrainSpec spec) {
        this.spec = spec;
    }

    /** What training produced. */
    public record Outcome(Autoencoder model, double[] lossHistory, double[] validationLossHistory, int bestEpoch,
                          boolean stoppedEarly, double trainSeconds, long trainRows) {}

    /** Rows of equal width, cached as one block per partition. */
    static JavaRDD<PartitionData> blocks(JavaRDD<double[]> rows, int width) {
        return rows.mapPartitions((Iterator<double[]> it) -> {
            List<double[]> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            double[] values = new double[list.size() * width];
            for (int i = 0; i < list.size(); i++) {
                System.arraycopy(list.get(i), 0, values, i * width, width);
            }
            return List.of(new PartitionData(list.size(), width, values)).iterator();
        });
    }

    /** Sums of (gradients, loss, count) over partitions. */
    static final class Sums implements Serializable {
        final double[][] grad;
        double loss;
        long count;

        Sums(double[][] grad) {
            this.grad = grad;
        }

        Sums add(Sums o) {
            for (int i = 0; i < grad.length; i++) {
                for (int j = 0; j < grad[i].length; j++) {
                    grad[i][j] += o.grad[i][j];
                }
            }
            loss += o.loss;
            count += o.count;
            return this;
        }
    }

    /** The network's structure, to rebuild it inside tasks from broadcast parameters. */
    record Shape(int[] widths, Activation[] activations) implements Serializable {
        Network build(double[][] params) {
            List<DenseLayer> layers = new ArrayList<>();
            for (int l = 0; l + 1 < widths.length; l++) {
                layers.add(new DenseLayer(widths[l], widths[l + 1], activations[l], params[2 * l].clone(),
                        params[2 * l + 1].clone(), "layer" + (l + 1)));
            }
            return new Network(layers);
        }

        double[][] zeros() {
            double[][] z = new double[2 * (widths.length - 1)][];
            for (int l = 0; l + 1 < widths.length; l++) {
                z[2 * l] = new double[widths[l] * widths[l + 1]];
                z[2 * l + 1] = new double[widths[l + 1]];
            }
            return z;
        }
    }

    static double[][] values(Network net) {
        List<Parameter> ps = net.parameters();
        double[][] v = new double[ps.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = ps.get(i).value.toDoubles();
        }
        return v;
    }

    /**
     * One partition's contribution: forward and backward over its rows (or a seeded sample of them),
     * gradient sums not yet divided.
     */
    static Sums partitionSums(PartitionData part, Shape shape, double[][] params, Loss loss, double fraction,
                              long seed, int partition, TrainingConfig.Denoising denoising) {
        Sums s = new Sums(shape.zeros());
        Matrix x = part.matrix();
        if (fraction < 1.0) {
            NumpyRandom rng = NumpyRandom.split(seed, 1000 + partition);
            int[] keep = new int[x.rows];
            int n = 0;
            for (int r = 0; r < x.rows; r++) {
                if (rng.nextDouble() < fraction) {
                    keep[n++] = r;
                }
            }
            Matrix sample = new Matrix(n, x.cols);
            x.gatherRows(keep, 0, n, sample);
            x = sample;
        }
        if (x.rows == 0) {
            return s;
        }
        Matrix input = x;
        if (denoising.kind() != TrainingConfig.Denoising.Kind.NONE) {
            NumpyRandom noise = NumpyRandom.split(seed, 2000 + partition);
            input = new Matrix(x.rows, x.cols);
            for (int i = 0; i < x.data.length; i++) {
                input.data[i] = denoising.corrupt(x.data[i], noise);
            }
        }
        Network net = shape.build(params);
        s.loss = net.computeGradients(input, x, loss); // the core's forward and backward pass
        List<Parameter> ps = net.parameters();
        for (int i = 0; i < ps.size(); i++) {
            System.arraycopy(ps.get(i).gradients(), 0, s.grad[i], 0, s.grad[i].length);
        }
        s.count = x.rows;
        return s;
    }

    private static Sums aggregate(JavaRDD<PartitionData> data, Shape shape, Broadcast<double[][]> params, Loss loss,
                                  double fraction, long seed, TrainingConfig.Denoising denoising) {
        return data.mapPartitionsWithIndex((idx, it) -> {
            Sums acc = new Sums(shape.zeros());
            while (it.hasNext()) {
                acc.add(partitionSums(it.next(), shape, params.value(), loss, fraction, seed, idx, denoising));
            }
            return List.of(acc).iterator();
        }, true).treeAggregate(new Sums(shape.zeros()), Sums::add, Sums::add);
    }

    /** Fitted on the training rows only, as the single-machine trainer does. */
    static Scaler fitScaler(JavaRDD<PartitionData> data, Scaler.Type type, int width) {
        if (type == Scaler.Type.NONE) {
            return Scaler.none(width);
        }
        // per column: count, sum, min, max; then the sum of squared deviations from the mean
        double[] first = data.map(p -> {
            double[] a = new double[1 + 3 * width];
            Arrays.fill(a, 1 + width, 1 + 2 * width, Double.POSITIVE_INFINITY);
            Arrays.fill(a, 1 + 2 * width, 1 + 3 * width, Double.NEGATIVE_INFINITY);
            a[0] = p.rows();
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < width; c++) {
                    double v = p.values()[r * width + c];
                    a[1 + c] += v;
                    a[1 + width + c] = Math.min(a[1 + width + c], v);
                    a[1 + 2 * width + c] = Math.max(a[1 + 2 * width + c], v);
                }
            }
            return a;
        }).treeReduce((a, b) -> {
            double[] c = a.clone();
            c[0] += b[0];
            for (int i = 0; i < width; i++) {
                c[1 + i] += b[1 + i];
                c[1 + width + i] = Math.min(a[1 + width + i], b[1 + width + i]);
                c[1 + 2 * width + i] = Math.max(a[1 + 2 * width + i], b[1 + 2 * width + i]);
            }
            return c;
        });
        double n = first[0];
        double[] mean = new double[width];
        for (int c = 0; c < width; c++) {
            mean[c] = first[1 + c] / n;
        }
        double[] min = Arrays.copyOfRange(first, 1 + width, 1 + 2 * width);
        double[] max = Arrays.copyOfRange(first, 1 + 2 * width, 1 + 3 * width);
        double[] ss = data.map(p -> {
            double[] a = new double[width];
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < width; c++) {
                    double d = p.values()[r * width + c] - mean[c];
                    a[c] += d * d;
                }
            }
            return a;
        }).treeReduce((a, b) -> {
            double[] c = a.clone();
            for (int i = 0; i < width; i++) {
                c[i] += b[i];
            }
            return c;
        });
        double[] sd = new double[width];
        for (int c = 0; c < width; c++) {
            sd[c] = Math.sqrt(ss[c] / n);
        }
        return Scaler.fromStatistics(type, mean, sd, min, max);
    }

    /**
     * Trains on {@code train} (rows in original units), with {@code validation} rows (or null) for the
     * validation loss and early stopping.
     */
    public Outcome fit(JavaSparkContext sc, JavaRDD<double[]> train, JavaRDD<double[]> validation, int width,
                       List<String> columns, Map<String, Object> provenance) {
        JavaRDD<PartitionData> raw = blocks(train, width).persist(StorageLevel.MEMORY_AND_DISK());
        Scaler scaler = fitScaler(raw, spec.scaling(), width);
        JavaRDD<PartitionData> data = raw.map(p -> scaled(p, scaler)).persist(StorageLevel.MEMORY_AND_DISK());
        long n = data.map(PartitionData::rows).reduce(Integer::sum);
        raw.unpersist();
        JavaRDD<PartitionData> valid = validation == null ? null
                : blocks(validation, width).map(p -> scaled(p, scaler)).persist(StorageLevel.MEMORY_AND_DISK());

        Network net = Network.initialize(spec.widths(width), spec.activations(spec.hiddenFor(width, 0)), spec.initializer(), spec.biasInit(),
                new NumpyRandom(spec.training().seed() & 0xffffffffL));
        Shape shape = new Shape(net.widths(), net.activations());
        Optimizer opt = spec.optimizer().create();
        Loss loss = spec.training().loss();
        int epochs = spec.training().epochsFor((int) Math.min(Integer.MAX_VALUE, n));
        int batch = spec.training().batchSize();
        boolean full = batch == 0 || batch >= n;
        int steps = full ? 1 : (int) ((n + batch - 1) / batch);
        double fraction = full ? 1.0 : (double) batch / n;

        TrainingState state = new TrainingState();
        boolean stopped = false;
        List<Parameter> params = net.parameters();
        Ops ops = Ops.shared(Precision.FLOAT64);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double lossSum = 0;
            long count = 0;
            for (int step = 0; step < steps; step++) {
                Broadcast<double[][]> b = sc.broadcast(values(net));
                long stepSeed = ((long) spec.training().seed() * 1_000_003L + epoch) * 1_000_003L + step;
                Sums s = aggregate(data, shape, b, loss, fraction, stepSeed, spec.training().denoising());
                b.destroy();
                if (s.count == 0) {
                    continue;
                }
                for (int i = 0; i < params.size(); i++) {
                    double[] g = params.get(i).gradients();
                    for (int j = 0; j < g.length; j++) {
                        g[j] = s.grad[i][j] / s.count;
                    }
                }
                opt.step(ops, params);
                lossSum += s.loss;
                count += s.count;
            }
            Double validationLoss = null;
            if (valid != null) {
                Broadcast<double[][]> b = sc.broadcast(values(net));
                double[] lv = valid.map(p -> {
                    if (p.rows() == 0) {
                        return new double[] {0, 0};
                    }
                    Network v = shape.build(b.value());
                    Matrix x = p.matrix();
                    return new double[] {loss.sum(v.forward(x), x), p.rows()};
                }).treeReduce((a, c) -> new double[] {a[0] + c[0], a[1] + c[1]});
                b.destroy();
                validationLoss = lv[0] / lv[1];
            }
            if (EarlyStopping.afterEpoch(state, spec.training(), epoch, lossSum / Math.max(1, count), validationLoss,
                    params, opt.learningRate())) {
                stopped = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EarlyStopping.restoreBest(state, spec.training(), params);
        Map<String, Double> errors = trainingErrors(data, shape, values(net), sc);
        data.unpersist();
        if (valid != null) {
            valid.unpersist();
        }
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        prov.put("trainedOn", "spark " + sc.version() + ", master " + sc.master() + ", "
                + train.getNumPartitions() + " partitions");
        Autoencoder model = new Autoencoder(net, scaler, columns, prov, errors);
        return new Outcome(model, state.lossHistory(), state.validationHistory(), Math.max(state.bestEpoch(), 0), stopped,
                seconds, n);
    }

    private static PartitionData scaled(PartitionData p, Scaler scaler) {
        if (p.rows() == 0) {
            return p;
        }
        return new PartitionData(p.rows(), p.cols(), scaler.transform(p.matrix()).data);
    }

    /** Quantiles of the training rows' scores; exact (collected) up to 2 million rows, sampled beyond. */
    private static Map<String, Double> trainingErrors(JavaRDD<PartitionData> data, Shape shape, double[][] params,
                                                      JavaSparkContext sc) {
        Broadcast<double[][]> b = sc.broadcast(params);
        JavaRDD<double[]> scores = data.map(p -> {
            if (p.rows() == 0) {
                return new double[0];
            }
            Network net = shape.build(b.value());
            Matrix x = p.matrix();
            return Loss.MSE.perSample(net.forward(x), x);
        });
        long n = data.map(PartitionData::rows).reduce(Integer::sum);
        double fraction = Math.min(1.0, 2_000_000.0 / Math.max(1, n));
        List<double[]> parts = (fraction < 1.0 ? scores.map(s -> {
            NumpyRandom rng = NumpyRandom.split(s.length, 5);
            return Arrays.stream(s).filter(v -> rng.nextDouble() < fraction).toArray();
        }) : scores).collect();
        double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
        b.destroy();
        return RankingMetrics.errorSummary(all);
    }
}
