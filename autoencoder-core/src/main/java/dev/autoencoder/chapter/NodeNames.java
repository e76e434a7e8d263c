package dev.autoencoder.chapter;

import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chapter's naming of nodes and parameters, generalized to any dense network: nodes are
 * numbered 1, 2, ... column by column (inputs first); the weight joining node i to node j is
 * {@code w<i><j>} (e.g. {@code w14}, {@code w710}), written {@code w<i>_<j>} once i has two digits
 * so names stay unambiguous; the bias of node j is {@code b<j>}.
 *
 * <p>For the 3-2-1-2-3 network this gives exactly the chapter's 24 names, listed in its draw order
 * ({@code w14, w24, w34, w15, ...}) followed by {@code b4 .. b11}. Node labels use the chapter's
 * letters for the five columns of that network (I, L, M, R, O) and {@code H} for other hidden columns.
 */
public final class NodeNames {
    private NodeNames() {}

    /** Where a named parameter lives: layer index (0-based), weights or bias, flat index. */
    public record Slot(int layer, boolean bias, int index) {}

    /** All parameter names of the network mapped to their slots, weights first (in draw order), then biases. */
    public static Map<String, Slot> parameters(Network net) {
        int[] widths = net.widths();
        Map<String, Slot> all = new LinkedHashMap<>();
        for (Edge e : edges(widths)) {
            all.put(e.name(), new Slot(e.layer(), false, e.index()));
        }
        int first = 1;
        for (int l = 0; l + 1 < widths.length; l++) {
            first += widths[l];
            for (int o = 0; o < widths[l + 1]; o++) {
                all.put("b" + (first + o), new Slot(l, true, o));
            }
        }
        return all;
    }

    /**
     * One weight: its name, the nodes it joins (numbered 1.. column by column, as the chapter does), its layer
     * and its index in that layer's weights (output-major).
     */
    public record Edge(String name, int from, int to, int layer, int index) {}

    /** Every weight of a network of these widths, layer by layer, each output node's inputs in turn. */
    public static List<Edge> edges(int[] widths) {
        List<Edge> out = new ArrayList<>();
        int first = 1;
        for (int l = 0; l + 1 < widths.length; l++) {
            int firstOut = first + widths[l];
            for (int o = 0; o < widths[l + 1]; o++) {
                for (int in = 0; in < widths[l]; in++) {
                    out.add(new Edge(weightName(first + in, firstOut + o), first + in, firstOut + o, l, o * widths[l] + in));
                }
            }
            first = firstOut;
        }
        return out;
    }

    /** The name of the weight from node i to node j. */
    public static String weightName(int from, int to) {
        return from < 10 ? "w" + from + to : "w" + from + "_" + to;
    }

    /** Reads a named parameter's value. */
    public static double get(Network net, Slot s) {
        DenseLayer layer = net.layer(s.layer());
        return (s.bias() ? layer.bias() : layer.weights()).values()[s.index()];
    }

    /** Reads a named parameter's gradient. */
    public static double gradient(Network net, Slot s) {
        DenseLayer layer = net.layer(s.layer());
        return (s.bias() ? layer.bias() : layer.weights()).gradients()[s.index()];
    }

    /** Sets a named parameter's value. */
    public static void set(Network net, Slot s, double v) {
        DenseLayer layer = net.layer(s.layer());
        (s.bias() ? layer.bias() : layer.weights()).values()[s.index()] = v;
    }

    /** Every named value, in the order of {@link #parameters(Network)}. */
    public static Map<String, Double> values(Network net) {
        Map<String, Double> out = new LinkedHashMap<>();
        parameters(net).forEach((k, s) -> out.put(k, get(net, s)));
        return out;
    }

    /** Node labels column by column, e.g. [[I1, I2, I3], [L4, L5], [M6], [R7, R8], [O9, O10, O11]]. */
    public static List<List<String>> nodeLabels(int[] widths) {
        boolean chapterShape = widths.length == 5;
        List<List<String>> cols = new ArrayList<>();
        int n = 1;
        for (int c = 0; c < widths.length; c++) {
            String letter;
            if (c == 0) {
                letter = "I";
            } else if (c == widths.length - 1) {
                letter = "O";
            } else if (chapterShape) {
                letter = c == 1 ? "L" : c == 2 ? "M" : "R";
            } else {
                letter = "H";
            }
            List<String> col = new ArrayList<>();
            for (int i = 0; i < widths[c]; i++) {
                col.add(letter + n++);
            }
            cols.add(col);
        }
        return cols;
    }
}
