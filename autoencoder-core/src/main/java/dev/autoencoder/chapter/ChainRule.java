package dev.autoencoder.chapter;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chapter's chain rule made executable: for one named parameter, dL/dparam written as the
 * product of three factors, node by node, with symbols and values:
 *
 * <pre>
 *   dL/dw_ij = dL/dX_j  *  dX_j/dX_j_in  *  dX_j_in/dw_ij      (the last factor is X_i, or 1 for a bias)
 * </pre>
 *
 * where dL/dX_j is the loss derivative at an output node, and at a hidden node a sum over the
 * paths into the next layer, {@code sum_k dL/dX_k * dX_k/dX_k_in * lambda_jk}, whose terms are listed.
 * Everything here is computed with scalar loops over named nodes, independently of the
 * matrix backward pass it is compared with.
 */
public final class ChainRule {
    private ChainRule() {}

    /** One term of a sum over paths. */
    public record Term(String symbol, double value) {}

    /** One factor of the product; {@code terms} is non-empty when the factor is a sum over paths. */
    public record Factor(String symbol, String form, double value, List<Term> terms) {}

    /** The chain for one sample (1-based number as the chapter counts). */
    public record SampleChain(int sample, List<Factor> factors, double product) {}

    /**
     * The whole explanation.
     *
     * @param chains            one chain per sample explained (one with --sample, all otherwise)
     * @param chainRule         the mean of the chains' products (the gradient training uses)
     * @param backprop          the matrix backward pass's batch-mean gradient
     * @param finiteDifference  a central difference of the batch-mean loss
     */
    public record Explanation(String parameter, Integer sample, List<SampleChain> chains, double chainRule,
                              double backprop, double finiteDifference) {}

    /**
     * Explains dL/dparam on the rows of x (or only row {@code sample - 1} when sample is not null).
     * The network's parameters are left as they were.
     */
    public static Explanation explain(Network net, Loss loss, Matrix x, String parameter, Integer sample) {
        var slots = NodeNames.parameters(net);
        NodeNames.Slot slot = slots.get(parameter);
        if (slot == null) {
            throw new IllegalArgumentException("unknown parameter '" + parameter + "'; expected one of "
                    + String.join(", ", slots.keySet()));
        }
        if (sample != null && (sample < 1 || sample > x.rows)) {
            throw new IllegalArgumentException("sample must be in 1.." + x.rows + ", found " + sample);
        }
        Matrix rows = sample == null ? x : new Matrix(1, x.cols, x.row(sample - 1));
        List<List<String>> names = NodeNames.nodeLabels(net.widths());

        List<SampleChain> chains = new ArrayList<>();
        double sum = 0;
        for (int r = 0; r < rows.rows; r++) {
            SampleChain c = chainFor(net, loss, rows.row(r), slot, names, sample == null ? r + 1 : sample);
            chains.add(c);
            sum += c.product();
        }
        double chainRule = sum / rows.rows;
        return new Explanation(parameter, sample, chains, chainRule, backprop(net, loss, rows, slot),
                finiteDifference(net, loss, rows, slot));
    }

    private static SampleChain chainFor(Network net, Loss loss, double[] input, NodeNames.Slot slot,
                                        List<List<String>> names, int sampleNumber) {
        int layers = net.layers().size();
        double[][][] pass = forward(net, input);
        double[][] out = pass[0], in = pass[1];
        double[][] dOut = outputGradients(net, loss, input, out, in);
        int n = input.length;

        int c = slot.layer() + 1;               // the column of the parameter's node j
        DenseLayer layer = net.layer(slot.layer());
        int j = slot.bias() ? slot.index() : slot.index() / layer.inputs();
        String node = names.get(c).get(j);
        List<Factor> factors = new ArrayList<>();

        List<Term> terms = new ArrayList<>();
        String form;
        if (c == layers) {
            form = loss == Loss.MSE ? String.format(Locale.ROOT, "(2/%d)(%s - I%d)", n, node, j + 1)
                    : String.format(Locale.ROOT, "%s - I%d", node, j + 1);
        } else {
            DenseLayer next = net.layer(c);
            StringBuilder f = new StringBuilder();
            for (int k = 0; k < next.outputs(); k++) {
                String nk = names.get(c + 1).get(k);
                String sym = "dL/d" + nk + " * d" + nk + "/d" + nk + "_in * " + lambda(node, nk);
                double v = dOut[c + 1][k] * next.activation().derivative(in[c + 1][k], out[c + 1][k])
                        * next.weights().values()[k * next.inputs() + j];
                terms.add(new Term(sym, v));
                f.append(k == 0 ? "" : " + ").append("dL/d").append(nk).append(" d").append(nk).append("/d")
                        .append(nk).append("_in ").append(lambda(node, nk));
            }
            form = "sum over paths: " + f;
        }
        factors.add(new Factor("dL/d" + node, form, dOut[c][j], terms));

        Activation act = layer.activation();
        factors.add(new Factor("d" + node + "/d" + node + "_in", derivativeForm(act, node),
                act.derivative(in[c][j], out[c][j]), List.of()));

        if (slot.bias()) {
            factors.add(new Factor("d" + node + "_in/db" + node.substring(1), "1", 1.0, List.of()));
        } else {
            int i = slot.index() % layer.inputs();
            String from = names.get(c - 1).get(i);
            factors.add(new Factor("d" + node + "_in/d" + lambda(from, node), from, out[c - 1][i], List.of()));
        }
        double product = 1;
        for (Factor f : factors) {
            product *= f.value();
        }
        return new SampleChain(sampleNumber, factors, product);
    }

    /**
     * One step of the chapter's walk: {@code name} is a parameter (b9, w79) or a node (R7), {@code form} how its
     * gradient comes from the steps before (with the values it uses), {@code value} that gradient.
     */
    public record Step(String name, String symbol, String form, double value) {}

    /**
     * The chapter's cumulative walk for one sample, from the first output back to {@code parameter}:
     * for w14 on the 3-2-1-2-3 network, b9, w79, R7, b7, w67, M6, b6, w46, L4, b4, w14. It follows each
     * column's first node (O9, R7, M6, L4), except the parameter's own node and, for a weight, the node it
     * comes from; each step is computed from the step before it (a bias's gradient is its node's delta, a
     * weight's is that delta times the value going in, a node's is the sum over the paths out of it).
     */
    public static List<Step> walk(Network net, Loss loss, double[] input, String parameter) {
        NodeNames.Slot slot = NodeNames.parameters(net).get(parameter);
        if (slot == null) {
            throw new IllegalArgumentException("unknown parameter '" + parameter + "'; expected one of "
                    + String.join(", ", NodeNames.parameters(net).keySet()));
        }
        List<List<String>> names = NodeNames.nodeLabels(net.widths());
        int layers = net.layers().size();
        double[][][] pass = forward(net, input);
        double[][] out = pass[0], in = pass[1];
        int n = input.length;
        // every node's delta (dL/d node_in), for the sums' other terms
        double[][] dOut = outputGradients(net, loss, input, out, in);
        double[][] delta = new double[layers + 1][];
        for (int c = layers; c >= 1; c--) {
            DenseLayer layer = net.layer(c - 1);
            delta[c] = new double[layer.outputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                delta[c][j] = dOut[c][j] * layer.activation().derivative(in[c][j], out[c][j]);
            }
        }
        int target = slot.layer() + 1;
        DenseLayer targetLayer = net.layer(slot.layer());
        int targetNode = slot.bias() ? slot.index() : slot.index() / targetLayer.inputs();
        List<Step> steps = new ArrayList<>();
        int node = target == layers ? targetNode : 0;
        // the output node: dL/dO (its delta; the output activation's derivative is shown when it is not 1)
        String o = names.get(layers).get(node);
        String lossForm = loss == Loss.MSE ? String.format(Locale.ROOT, "(2/%d)(%s - I%d) = (2/%d)(%s - %s)", n, o,
                node + 1, n, g(out[layers][node]), g(input[node]))
                : String.format(Locale.ROOT, "%s - I%d = %s - %s", o, node + 1, g(out[layers][node]), g(input[node]));
        Activation outAct = net.layer(layers - 1).activation();
        if (outAct != Activation.LINEAR) {
            lossForm += " times " + derivativeForm(outAct, o);
        }
        double last = delta[layers][node];
        steps.add(new Step("b" + o.substring(1), "dL/db" + o.substring(1), lossForm, last));
        for (int c = layers; c >= target; c--) {
            String here = names.get(c).get(node);
            DenseLayer layer = net.layer(c - 1);
            boolean atTarget = c == target;
            int from = atTarget && !slot.bias() ? slot.index() % layer.inputs() : c - 1 == target ? targetNode : 0;
            if (atTarget && slot.bias()) {
                break; // the walk ends at the parameter, a bias: its step is the last one added
            }
            String prev = names.get(c - 1).get(from);
            String w = "w" + prev.substring(1) + here.substring(1);
            double wGrad = last * out[c - 1][from];
            steps.add(new Step(w, "dL/d" + lambda(prev, here), "dL/db" + here.substring(1) + " * " + prev + " = "
                    + g(last) + " * " + g(out[c - 1][from]), wGrad));
            if (atTarget) {
                break;
            }
            // the node the walk moves to, then its bias (its delta)
            double sum = 0;
            StringBuilder f = new StringBuilder();
            for (int k = 0; k < layer.outputs(); k++) {
                double wk = layer.weights().values()[k * layer.inputs() + from];
                sum += delta[c][k] * wk;
                String nk = names.get(c).get(k);
                f.append(k == 0 ? "" : " + ").append("dL/db").append(nk.substring(1)).append(" ")
                        .append(lambda(prev, nk));
            }
            steps.add(new Step(prev, "dL/d" + prev, f.toString(), sum));
            DenseLayer prevLayer = net.layer(c - 2);
            double d = sum * prevLayer.activation().derivative(in[c - 1][from], out[c - 1][from]);
            steps.add(new Step("b" + prev.substring(1), "dL/db" + prev.substring(1), "dL/d" + prev + " * "
                    + derivativeForm(prevLayer.activation(), prev) + " = " + g(sum) + " * "
                    + g(prevLayer.activation().derivative(in[c - 1][from], out[c - 1][from])), d));
            last = d;
            node = from;
            if (c - 1 == target && slot.bias()) {
                break;
            }
        }
        return steps;
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Every node's output for one sample, by the chapter's names (I1, ..., L4, ..., O11). */
    public static java.util.Map<String, Double> nodeValues(Network net, double[] input) {
        double[][] out = forward(net, input)[0];
        List<List<String>> names = NodeNames.nodeLabels(net.widths());
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int c = 0; c < out.length; c++) {
            for (int j = 0; j < out[c].length; j++) {
                m.put(names.get(c).get(j), out[c][j]);
            }
        }
        return m;
    }

    /**
     * dL/d(node output) for every node, column by column from the outputs back (column 0, the inputs, is
     * left out): the loss derivative at the outputs, and at a hidden node the sum over the paths out of it.
     */
    private static double[][] outputGradients(Network net, Loss loss, double[] input, double[][] out, double[][] in) {
        int layers = net.layers().size();
        int n = input.length;
        double[][] dOut = new double[layers + 1][];
        dOut[layers] = new double[n];
        for (int j = 0; j < n; j++) {
            double diff = out[layers][j] - input[j];
            dOut[layers][j] = loss == Loss.MSE ? 2.0 / n * diff : diff;
        }
        for (int c = layers - 1; c >= 1; c--) {
            DenseLayer next = net.layer(c);
            dOut[c] = new double[next.inputs()];
            for (int j = 0; j < next.inputs(); j++) {
                double s = 0;
                for (int k = 0; k < next.outputs(); k++) {
                    s += dOut[c + 1][k] * next.activation().derivative(in[c + 1][k], out[c + 1][k])
                            * next.weights().values()[k * next.inputs() + j];
                }
                dOut[c][j] = s;
            }
        }
        return dOut;
    }

    /** Node by node, scalar loops: {outputs, pre-activations}, each [column][node], column 0 the inputs. */
    private static double[][][] forward(Network net, double[] input) {
        int layers = net.layers().size();
        double[][] out = new double[layers + 1][];
        double[][] in = new double[layers + 1][];
        out[0] = input.clone();
        in[0] = input.clone();
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = net.layer(l);
            in[l + 1] = new double[layer.outputs()];
            out[l + 1] = new double[layer.outputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                double z = layer.bias().values()[j];
                for (int i = 0; i < layer.inputs(); i++) {
                    z += layer.weights().values()[j * layer.inputs() + i] * out[l][i];
                }
                in[l + 1][j] = z;
                out[l + 1][j] = layer.activation().apply(z);
            }
        }
        return new double[][][] {out, in};
    }

    /** lambda_ij with the chapter's subscript, a comma where a node number has two digits: lambda_14, lambda_7,10. */
    static String lambda(String from, String to) {
        String i = from.substring(1), j = to.substring(1);
        return "lambda_" + i + (i.length() > 1 || j.length() > 1 ? "," : "") + j;
    }

    static String derivativeForm(Activation a, String node) {
        return switch (a) {
            case SIGMOID -> node + "(1-" + node + ")";
            case TANH -> "1-" + node + "^2";
            case RELU -> "[" + node + "_in > 0]";
            case LEAKY_RELU -> "1 if " + node + "_in > 0, else 0.01";
            case ELU -> "1 if " + node + "_in > 0, else " + node + " + 1";
            case SOFTPLUS -> "sigmoid(" + node + "_in)";
            case LINEAR -> "1";
        };
    }

    private static double backprop(Network net, Loss loss, Matrix x, NodeNames.Slot slot) {
        net.computeGradients(x, loss);
        return NodeNames.gradient(net, slot) / x.rows;
    }

    /**
     * The five-point central difference (-f(+2h) + 8 f(+h) - 8 f(-h) + f(-2h)) / 12h, h = 1e-3:
     * truncation error O(h^4) and round-off about eps * L / h, both near 1e-13, so even gradients of
     * 1e-6 are estimated to better than 1e-6 relative (the plain two-point rule is not good enough there).
     */
    private static double finiteDifference(Network net, Loss loss, Matrix x, NodeNames.Slot slot) {
        double keep = NodeNames.get(net, slot);
        double h = 1e-3;
        double[] f = new double[4];
        double[] steps = {2 * h, h, -h, -2 * h};
        for (int i = 0; i < 4; i++) {
            NodeNames.set(net, slot, keep + steps[i]);
            f[i] = loss.sum(net.forward(x), x) / x.rows;
        }
        NodeNames.set(net, slot, keep);
        return (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
    }
}
