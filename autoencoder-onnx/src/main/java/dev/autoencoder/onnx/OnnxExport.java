package dev.autoencoder.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.CodeDistance;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a trained model as one ONNX graph, so that it runs outside the JVM (ONNX Runtime, or any
 * framework that reads ONNX) with the same numbers.
 *
 * <p>The whole model graph takes raw rows, a float32 tensor {@code input} [N, columns] in the data's
 * units, and gives {@code latent} [N, k], {@code reconstruction} [N, columns] in the data's units, and
 * {@code score} [N], the anomaly score that {@code autoencoder score} prints (for an ensemble, every
 * member's score standardized and averaged). The scaler is inside the graph. Inside, the graph computes
 * in float64 like the Java engine; only its input and outputs are float32. {@link Part#ENCODER} keeps
 * {@code input -> latent}; {@link Part#DECODER} takes {@code latent} [N, k] to {@code reconstruction}.
 * Activations ONNX Runtime offers only in float32 (leaky ReLU, ELU, softplus) are written out from
 * elementary operators. Opset 13.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /** Which part of the model the graph holds. */
    public enum Part {
        /** Raw rows to latent codes, reconstructions and scores. */
        WHOLE,
        /** Raw rows to latent codes. */
        ENCODER,
        /** Latent codes to reconstructions in the data's units. */
        DECODER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Part parse(String s) {
            for (Part p : values()) {
                if (p.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown part '" + s + "'; expected whole, encoder or decoder");
        }
    }

    /** The ONNX operator set the graphs use. */
    public static final int OPSET = 13;
    static final long IR_VERSION = 7;

    /** Writes the graph to a file (atomically). */
    public static void write(Autoencoder model, Part part, Path out) throws IOException {
        byte[] bytes = toBytes(model, part);
        AtomicFiles.write(out, bytes);
    }

    /** The serialized ONNX model. */
    public static byte[] toBytes(Autoencoder model, Part part) {
        return build(model, part).toByteArray();
    }

    static ModelProto build(Autoencoder model, Part part) {
        Graph g = new Graph();
        Network net = model.network();
        int d = model.inputWidth();
        int latentLayer = model.latentLayer();
        int k = model.width(latentLayer);
        double[] offset = model.scaler().offset();
        double[] scale = model.scaler().scale();
        String off = g.constant("scaler_offset", offset);
        String sc = g.constant("scaler_scale", scale);
        if (part == Part.DECODER) {
            g.input("latent", k);
            String h = g.node("Cast", List.of("latent"), "latent_f64", to(TensorProto.DataType.DOUBLE));
            h = layers(g, net, latentLayer, net.layers().size(), h, "m0");
            g.output("reconstruction", unscale(g, h, off, sc), d);
            return g.model(model, part);
        }
        g.input("input", d);
        String x = g.node("Cast", List.of("input"), "input_f64", to(TensorProto.DataType.DOUBLE));
        String s = g.node("Div", List.of(g.node("Sub", List.of(x, off), "centred"), sc), "scaled");
        String latent = layers(g, net, 0, latentLayer, s, "m0");
        g.output("latent", latent, k);
        if (part == Part.ENCODER) {
            return g.model(model, part);
        }
        String rec = layers(g, net, latentLayer, net.layers().size(), latent, "m0");
        g.output("reconstruction", unscale(g, rec, off, sc), d);
        List<String> scores = new ArrayList<>();
        for (int m = 0; m < model.members(); m++) {
            Network member = model.member(m);
            int bottleneck = member.bottleneckLayer();
            String code = m == 0 ? latent : layers(g, member, 0, bottleneck, s, "m" + m);
            String r = m == 0 ? rec : layers(g, member, bottleneck, member.layers().size(), code, "m" + m);
            String e = g.node("Sub", List.of(r, s), "m" + m + "_error");
            String sq = g.node("Mul", List.of(e, e), "m" + m + "_squared");
            String own = g.node("ReduceMean", List.of(sq), "m" + m + "_score", ints("axes", 1), noKeepDims());
            if (model.codeWeight() > 0) { // error / errorScale + weight * (c - mean) P (c - mean)^T / codeScale
                CodeDistance cd = model.codeDistance(m).orElseThrow();
                int w = cd.width();
                String centred = g.node("Sub", List.of(code, g.constant("m" + m + "_code_mean", cd.mean(), 1, w)),
                        "m" + m + "_code_centred");
                String projected = g.node("MatMul", List.of(centred, g.constant("m" + m + "_code_precision",
                        cd.inverseCovariance(), w, w)), "m" + m + "_code_projected");
                String distance = g.node("ReduceSum", List.of(g.node("Mul", List.of(projected, centred),
                        "m" + m + "_code_terms"), g.longs("m" + m + "_axes", 1)),
                        "m" + m + "_code_distance", noKeepDims());
                own = g.node("Add", List.of(
                        g.node("Div", List.of(own, g.scalar("m" + m + "_error_scale", cd.errorScale())), "m" + m + "_error_part"),
                        g.node("Div", List.of(g.node("Mul", List.of(distance, g.scalar("m" + m + "_code_weight",
                                model.codeWeight())), "m" + m + "_code_weighted"), g.scalar("m" + m + "_code_scale",
                                cd.codeScale())), "m" + m + "_code_part")), "m" + m + "_own");
            }
            scores.add(model.members() == 1 && model.scoreCenter(0) == 0 && model.scoreSpread(0) == 1 ? own
                    : g.node("Div", List.of(g.node("Sub", List.of(own, g.scalar("m" + m + "_center",
                            model.scoreCenter(m))), "m" + m + "_centred"), g.scalar("m" + m + "_spread",
                            model.scoreSpread(m))), "m" + m + "_standardized"));
        }
        String score = scores.size() == 1 ? scores.get(0)
                : g.node("Div", List.of(g.node("Sum", scores, "member_sum"), g.scalar("members", scores.size())),
                        "member_mean");
        g.output("score", score, -1);
        return g.model(model, part);
    }

    /** Layers [from, to) of a network applied to h; returns the last activation's name. */
    private static String layers(Graph g, Network net, int from, int to, String h, String prefix) {
        for (int l = from; l < to; l++) {
            DenseLayer layer = net.layers().get(l);
            String name = prefix + "_layer" + (l + 1);
            String w = g.constant(name + "_weights", layer.weights().values(), layer.outputs(), layer.inputs());
            String b = g.constant(name + "_bias", layer.bias().values());
            String z = g.node("Gemm", List.of(h, w, b), name + "_z", ints("transB", 1));
            h = activation(g, layer.activation(), z, name);
        }
        return h;
    }

    /** f(z) in float64 from operators ONNX Runtime implements for doubles. */
    private static String activation(Graph g, Activation f, String z, String name) {
        String a = name + "_a";
        return switch (f) {
            case LINEAR -> z;
            case SIGMOID -> g.node("Sigmoid", List.of(z), a);
            case TANH -> g.node("Tanh", List.of(z), a);
            case RELU -> g.node("Relu", List.of(z), a);
            case LEAKY_RELU -> g.node("Max", List.of(z, g.node("Mul", List.of(z, g.scalar(name + "_slope",
                    Activation.LEAKY_SLOPE)), name + "_scaled")), a);
            case ELU -> g.node("Where", List.of(g.node("Greater", List.of(z, g.scalar(name + "_zero", 0.0)), name + "_pos"),
                    z, g.node("Sub", List.of(g.node("Exp", List.of(z), name + "_exp"), g.scalar(name + "_one", 1.0)),
                            name + "_expm1")), a);
            case SOFTPLUS -> g.node("Add", List.of(g.node("Relu", List.of(z), name + "_relu"), g.node("Log", List.of(
                    g.node("Add", List.of(g.node("Exp", List.of(g.node("Neg", List.of(g.node("Abs", List.of(z),
                            name + "_abs")), name + "_negabs")), name + "_exp"), g.scalar(name + "_one", 1.0)),
                            name + "_onep")), name + "_log")), a);
        };
    }

    /** Scaled values back to the data's units: h * scale + offset. */
    private static String unscale(Graph g, String h, String off, String sc) {
        return g.node("Add", List.of(g.node("Mul", List.of(h, sc), "unscaled"), off), "reconstruction_f64");
    }

    private static AttributeProto to(TensorProto.DataType t) {
        return AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT).setI(t.getNumber()).build();
    }

    /** Reductions drop the reduced axis: [N, k] to [N]. */
    private static AttributeProto noKeepDims() {
        return AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name);
        if (name.equals("axes")) {
            b.setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
        } else {
            b.setType(AttributeProto.AttributeType.INT).setI(values[0]);
        }
        return b.build();
    }

    /** A graph under construction: nodes in order, float64 constants, float32 inputs and outputs. */
    private static final class Graph {
        private final GraphProto.Builder graph = GraphProto.newBuilder().setName("autoencoder");

        String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
            for (AttributeProto a : attributes) {
                n.addAttribute(a);
            }
            graph.addNode(n);
            return output;
        }

        String constant(String name, double[] values, long... dims) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE);
            if (dims.length == 0) {
                t.addDims(values.length);
            }
            for (long dim : dims) {
                t.addDims(dim);
            }
            for (double v : values) {
                t.addDoubleData(v);
            }
            graph.addInitializer(t);
            return name;
        }

        /** An int64 vector constant (ReduceSum takes its axes as one from opset 13). */
        String longs(String name, long... values) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(values.length);
            for (long v : values) {
                t.addInt64Data(v);
            }
            graph.addInitializer(t);
            return name;
        }

        String scalar(String name, double value) {
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE)
                    .addDoubleData(value));
            return name;
        }

        /** A float32 input [N, width]. */
        void input(String name, int width) {
            graph.addInput(valueInfo(name, width));
        }

        /** Casts a float64 value to the float32 output name ([N] when width is -1, else [N, width]). */
        void output(String name, String value, int width) {
            node("Cast", List.of(value), name, to(TensorProto.DataType.FLOAT));
            graph.addOutput(valueInfo(name, width));
        }

        private static ValueInfoProto valueInfo(String name, int width) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
            if (width >= 0) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
            }
            return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
        }

        ModelProto model(Autoencoder model, Part part) {
            graph.setDocString("autoencoder " + part.id() + " over columns " + model.columns());
            return ModelProto.newBuilder().setIrVersion(IR_VERSION)
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                    .setProducerName("autoencoder").setDomain("dev.autoencoder")
                    .setGraph(graph).build();
        }
    }
}
