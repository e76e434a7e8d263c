package dev.autoencoder.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Scaler;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Network;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file: a versioned JSON document (see docs/model-format.md). Doubles are written as the
 * shortest decimal that reads back to the same bits, so a save/load round trip is exact. Loading
 * reads data only (no Java serialization, no class names from the file), checks every size before
 * allocating, and verifies a SHA-256 of the parameters.
 */
public final class ModelFile {
    private ModelFile() {}

    public static final String FORMAT = "autoencoder-model";
    /**
     * The newest format this tool writes and reads: 2 adds ensembles, 3 the code distances in the score; a file
     * is written with the oldest version that holds it (a single network scored by its error alone is still 1).
     */
    public static final int VERSION = 3;
    /** Refuse models larger than this many parameters before allocating anything. */
    public static final long MAX_PARAMETERS = 200_000_000L;
    /** Refuse model files larger than this (200 million parameters written out take about 5 GB). */
    public static final long MAX_FILE_BYTES = 6_000_000_000L;

    public static void write(Autoencoder model, Path path) throws IOException {
        AtomicFiles.write(path, toJson(model).getBytes(StandardCharsets.UTF_8));
    }

    public static String toJson(Autoencoder model) throws JsonProcessingException {
        Network net = model.network();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("layers", layers(net));
        if (model.members() > 1) {
            doc.put("version", 2);
            Map<String, Object> ens = new LinkedHashMap<>();
            double[] center = new double[model.members()], spread = new double[model.members()];
            List<Map<String, Object>> members = new ArrayList<>();
            for (int m = 0; m < model.members(); m++) {
                center[m] = model.scoreCenter(m);
                spread[m] = model.scoreSpread(m);
                if (m > 0) {
                    members.add(Map.of("layers", layers(model.member(m))));
                }
            }
            ens.put("center", center);
            ens.put("spread", spread);
            ens.put("members", members);
            doc.put("ensemble", ens);
        } else {
            doc.put("version", 1);
        }
        if (model.codeWeight() > 0) {
            doc.put("version", 3);
            Map<String, Object> codes = new LinkedHashMap<>();
            codes.put("weight", model.codeWeight());
            List<Map<String, Object>> each = new ArrayList<>();
            for (int m = 0; m < model.members(); m++) {
                CodeDistance cd = model.codeDistance(m).orElseThrow();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("mean", cd.mean());
                c.put("inverseCovariance", Json.rows(new Matrix(cd.width(), cd.width(), cd.inverseCovariance())));
                c.put("errorScale", cd.errorScale());
                c.put("codeScale", cd.codeScale());
                each.add(c);
            }
            codes.put("members", each);
            doc.put("codes", codes);
        }
        Scaler s = model.scaler();
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("type", s.type().id());
        if (s.type() == Scaler.Type.STANDARD) {
            sc.put("mean", s.offset());
            sc.put("scale", s.scale());
        } else if (s.type() == Scaler.Type.MINMAX) {
            sc.put("min", s.offset());
            sc.put("scale", s.scale());
        }
        doc.put("scaler", sc);
        model.baseline().ifPresent(pca -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("method", "pca");
            b.put("fittedOn", "the training rows, scaled");
            b.put("mean", pca.mean());
            b.put("components", pca.components());
            b.put("variances", pca.explainedVariance());
            doc.put("baseline", b);
        });
        doc.put("columns", model.columns());
        doc.put("trainingErrors", model.trainingErrors());
        doc.put("provenance", model.provenance());
        doc.put("parametersSha256", parametersSha256(model));
        doc.put("contentSha256", contentSha256(model));
        return Json.MAPPER.writeValueAsString(doc);
    }

    private static List<Map<String, Object>> layers(Network net) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (DenseLayer l : net.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inputs", l.inputs());
            m.put("outputs", l.outputs());
            m.put("activation", l.activation().id());
            m.put("weights", Json.rows(l.weightMatrix()));
            m.put("bias", l.bias().values());
            layers.add(m);
        }
        return layers;
    }

    /**
     * The checksum a model file carries: {@link #parametersSha256(Network)} of a single network; of an ensemble,
     * over every member's parameters and every member's score centre and spread.
     */
    static String parametersSha256(Autoencoder model) {
        List<Network> members = new ArrayList<>();
        double[] center = new double[model.members()], spread = new double[model.members()];
        for (int m = 0; m < model.members(); m++) {
            members.add(model.member(m));
            center[m] = model.scoreCenter(m);
            spread[m] = model.scoreSpread(m);
        }
        return parametersSha256(members, center, spread);
    }

    private static String parametersSha256(List<Network> members, double[] center, double[] spread) {
        if (members.size() == 1) {
            return parametersSha256(members.get(0));
        }
        StringBuilder all = new StringBuilder();
        for (int m = 0; m < members.size(); m++) {
            all.append(parametersSha256(members.get(m))).append(':')
                    .append(Long.toHexString(Double.doubleToLongBits(center[m]))).append(':')
                    .append(Long.toHexString(Double.doubleToLongBits(spread[m]))).append(';');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 over everything in the file that changes a result: the parameters ({@link #parametersSha256}),
     * the scaler, the column names, the training-score percentiles (the default threshold) and the baseline.
     * Files written before it existed carry only {@code parametersSha256}, and still load.
     */
    static String contentSha256(Autoencoder model) {
        StringBuilder all = new StringBuilder(parametersSha256(model)).append('|');
        Scaler sc = model.scaler();
        all.append(sc.type().id());
        bits(all, sc.offset());
        bits(all, sc.scale());
        all.append('|').append(String.join("\u0000", model.columns())).append('|');
        model.trainingErrors().forEach((k, v) -> all.append(k).append('=').append(Long.toHexString(
                Double.doubleToLongBits(v))).append(';'));
        model.baseline().ifPresent(pca -> {
            all.append("|pca");
            bits(all, pca.mean());
            for (double[] c : pca.components()) {
                bits(all, c);
            }
            bits(all, pca.explainedVariance());
        });
        if (model.codeWeight() > 0) {
            all.append("|codes").append(Long.toHexString(Double.doubleToLongBits(model.codeWeight())));
            for (int m = 0; m < model.members(); m++) {
                CodeDistance cd = model.codeDistance(m).orElseThrow();
                bits(all, cd.mean());
                bits(all, cd.inverseCovariance());
                bits(all, new double[] {cd.errorScale(), cd.codeScale()});
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bits(StringBuilder b, double[] values) {
        b.append('[');
        for (double v : values == null ? new double[0] : values) {
            b.append(Long.toHexString(Double.doubleToLongBits(v))).append(',');
        }
        b.append(']');
    }

    /** SHA-256 over the layer shapes, activations and the bits of every weight and bias. */
    public static String parametersSha256(Network net) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8);
            for (DenseLayer l : net.layers()) {
                md.update((l.inputs() + "x" + l.outputs() + ":" + l.activation().id() + ";").getBytes(StandardCharsets.UTF_8));
                for (double[] arr : new double[][] {l.weights().values(), l.bias().values()}) {
                    for (double v : arr) {
                        b.clear();
                        b.putLong(Double.doubleToLongBits(v));
                        md.update(b.array());
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Autoencoder read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder; expected a model file");
        }
        JsonNode doc;
        try {
            doc = Json.readTree(path, MAX_FILE_BYTES);
        } catch (Json.SizeLimit e) {
            throw new DataException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new DataException(path + ": not a model file (not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "); expected a file written by "
                    + "'autoencoder train'");
        }
        return fromJson(doc, path.toString());
    }

    public static Autoencoder fromJson(JsonNode doc, String where) {
        if (doc == null || !doc.isObject()) {
            throw bad(where, "not a model file (expected a JSON object)");
        }
        String format = doc.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw bad(where, "not a model file: \"format\" is '" + format + "', expected '" + FORMAT + "'");
        }
        JsonNode v = doc.get("version");
        if (v == null || !v.isInt()) {
            throw bad(where, "\"version\" is missing or not a whole number");
        }
        if (v.asInt() > VERSION) {
            throw bad(where, "model format version " + v.asInt() + " is newer than this tool reads (" + VERSION
                    + "); upgrade the tool");
        }
        if (v.asInt() < 1) {
            throw bad(where, "model format version " + v.asInt() + " does not exist; expected " + VERSION);
        }
        Network net = network(doc.get("layers"), where, "");
        List<Network> members = new ArrayList<>(List.of(net));
        double[] center = {0}, spread = {1};
        JsonNode ens = doc.get("ensemble");
        if (ens != null) {
            JsonNode more = ens.get("members");
            if (more == null || !more.isArray() || more.isEmpty() || more.size() > 1000) {
                throw bad(where, "\"ensemble\".\"members\" must be an array of 1 to 1000 networks");
            }
            for (int m = 0; m < more.size(); m++) {
                Network n = network(more.get(m).get("layers"), where, "ensemble member " + (m + 2) + ", ");
                if (n.inputWidth() != net.inputWidth()) {
                    throw bad(where, "ensemble member " + (m + 2) + " takes " + n.inputWidth() + " inputs, the first "
                            + net.inputWidth());
                }
                members.add(n);
            }
            center = numbers(ens.get("center"), members.size(), where, "ensemble centre");
            spread = numbers(ens.get("spread"), members.size(), where, "ensemble spread");
            for (int m = 0; m < members.size(); m++) {
                if (!(spread[m] > 0)) {
                    throw bad(where, "ensemble member " + (m + 1) + " has score spread " + spread[m]
                            + "; expected a positive number");
                }
            }
        }
        String expected = doc.path("parametersSha256").asText("");
        String actual = parametersSha256(members, center, spread);
        if (!expected.isEmpty() && !expected.equals(actual)) {
            throw bad(where, "the parameters do not match the file's checksum (parametersSha256); the file was "
                    + "changed or damaged after it was written; retrain or restore it");
        }
        if (expected.isEmpty()) {
            throw bad(where, "\"parametersSha256\" is missing; expected the checksum every model file carries");
        }
        int width = net.inputWidth();
        Scaler scaler = scaler(doc.get("scaler"), width, where);
        JsonNode cols = doc.get("columns");
        List<String> columns = new ArrayList<>();
        if (cols == null || !cols.isArray() || cols.size() != width) {
            throw bad(where, "\"columns\" must list " + width + " names, found "
                    + (cols == null || !cols.isArray() ? "none" : cols.size()));
        }
        cols.forEach(c -> columns.add(c.asText()));
        Map<String, Double> errors = new LinkedHashMap<>();
        doc.path("trainingErrors").fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                errors.put(e.getKey(), e.getValue().asDouble());
            }
        });
        Map<String, Object> provenance = new LinkedHashMap<>();
        JsonNode p = doc.get("provenance");
        if (p != null && p.isObject()) {
            provenance.putAll(Json.MAPPER.convertValue(p, Map.class));
        }
        Autoencoder model = new Autoencoder(members, center, spread, scaler, columns, provenance, errors);
        JsonNode b = doc.get("baseline");
        if (b != null && b.isObject()) {
            JsonNode comps = b.get("components");
            if (comps == null || !comps.isArray() || comps.isEmpty() || comps.size() > width) {
                throw bad(where, "\"baseline\".\"components\" must hold 1 to " + width + " rows");
            }
            double[][] c = new double[comps.size()][];
            for (int i = 0; i < c.length; i++) {
                c[i] = numbers(comps.get(i), width, where, "baseline component " + (i + 1));
            }
            model = model.withBaseline(Pca.of(numbers(b.get("mean"), width, where, "baseline mean"), c,
                    numbers(b.get("variances"), c.length, where, "baseline variances")));
        }
        JsonNode codes = doc.get("codes");
        if (codes != null) {
            model = model.withCodeDistances(codeDistances(codes, members, where),
                    positive(codes.get("weight"), where, "\"codes\".\"weight\""));
        }
        String content = doc.path("contentSha256").asText("");
        if (!content.isEmpty() && !content.equals(contentSha256(model))) {
            throw bad(where, "the scaler, columns, thresholds, baseline or code distances do not match the file's checksum "
                    + "(contentSha256); the file was changed or damaged after it was written; retrain or restore it");
        }
        return model;
    }

    /** One network from a "layers" array; {@code prefix} names the ensemble member in messages. */
    private static Network network(JsonNode layersNode, String where, String prefix) {

        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw bad(where, prefix + "\"layers\" must be a non-empty array");
        }
        long total = 0;
        for (int i = 0; i < layersNode.size(); i++) {
            JsonNode l = layersNode.get(i);
            if (!l.path("inputs").isIntegralNumber() || !l.path("outputs").isIntegralNumber()) {
                throw bad(where, prefix + "layer " + (i + 1) + ": \"inputs\" and \"outputs\" must be whole numbers, found "
                        + l.path("inputs") + " and " + l.path("outputs"));
            }
            long in = l.path("inputs").asLong(-1), out = l.path("outputs").asLong(-1);
            if (in < 1 || out < 1 || in > Integer.MAX_VALUE || out > Integer.MAX_VALUE) {
                throw bad(where, prefix + "layer " + (i + 1) + " declares " + in + " inputs and " + out
                        + " outputs; expected positive sizes");
            }
            total += in * out + out;
            if (total > MAX_PARAMETERS) {
                throw bad(where, prefix + "the layers declare over " + MAX_PARAMETERS + " parameters; refusing to load");
            }
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            JsonNode l = layersNode.get(i);
            int in = l.get("inputs").asInt(), out = l.get("outputs").asInt();
            Activation act;
            try {
                act = Activation.parse(l.path("activation").asText(""));
            } catch (IllegalArgumentException e) {
                throw bad(where, prefix + "layer " + (i + 1) + ": " + e.getMessage());
            }
            JsonNode w = l.get("weights");
            if (w == null || !w.isArray() || w.size() != out) {
                throw bad(where, prefix + "layer " + (i + 1) + ": \"weights\" must have " + out + " rows (one per output), found "
                        + (w == null || !w.isArray() ? "none" : w.size()));
            }
            double[] weights = new double[in * out];
            for (int r = 0; r < out; r++) {
                JsonNode row = w.get(r);
                if (!row.isArray() || row.size() != in) {
                    throw bad(where, prefix + "layer " + (i + 1) + ", weights row " + (r + 1) + ": expected " + in
                            + " numbers, found " + (row.isArray() ? row.size() : "no array"));
                }
                for (int c = 0; c < in; c++) {
                    weights[r * in + c] = number(row.get(c), where, "layer " + (i + 1) + " weight [" + (r + 1) + "]["
                            + (c + 1) + "]");
                }
            }
            double[] bias = numbers(l.get("bias"), out, where, "layer " + (i + 1) + " bias");
            if (i > 0 && in != layers.get(i - 1).outputs()) {
                throw bad(where, prefix + "layer " + (i + 1) + " takes " + in + " inputs but layer " + i + " gives "
                        + layers.get(i - 1).outputs());
            }
            layers.add(new DenseLayer(in, out, act, weights, bias, "layer" + (i + 1)));
        }
        Network net = new Network(layers);
        if (net.inputWidth() != net.outputWidth()) {
            throw bad(where, prefix + "an autoencoder's output width must equal its input width; found "
                    + net.inputWidth() + " -> " + net.outputWidth());
        }
        return net;
    }

    private static Scaler scaler(JsonNode s, int width, String where) {
        if (s == null || !s.isObject()) {
            throw bad(where, "\"scaler\" is missing; expected {\"type\": \"standard\" | \"minmax\" | \"none\", ...}");
        }
        Scaler.Type type;
        try {
            type = Scaler.Type.parse(s.path("type").asText(""));
        } catch (IllegalArgumentException e) {
            throw bad(where, "scaler: " + e.getMessage());
        }
        if (type == Scaler.Type.NONE) {
            return Scaler.none(width);
        }
        double[] off = numbers(s.get(type == Scaler.Type.STANDARD ? "mean" : "min"), width, where, "scaler offset");
        double[] sc = numbers(s.get("scale"), width, where, "scaler scale");
        try {
            return new Scaler(type, off, sc);
        } catch (IllegalArgumentException e) {
            throw bad(where, e.getMessage());
        }
    }

    /** Each member's code distance from the file's "codes" section, sized by the member's code width. */
    private static List<CodeDistance> codeDistances(JsonNode codes, List<Network> members, String where) {
        JsonNode each = codes.get("members");
        if (each == null || !each.isArray() || each.size() != members.size()) {
            throw bad(where, "\"codes\".\"members\" must hold one entry per network (" + members.size() + "), found "
                    + (each == null || !each.isArray() ? "none" : each.size()));
        }
        List<CodeDistance> all = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Network n = members.get(m);
            int k = n.widths()[n.bottleneckLayer()];
            JsonNode c = each.get(m);
            String what = "network " + (m + 1) + "'s code distance";
            JsonNode inv = c.get("inverseCovariance");
            if (inv == null || !inv.isArray() || inv.size() != k) {
                throw bad(where, what + ": \"inverseCovariance\" must hold " + k + " rows");
            }
            double[] flat = new double[k * k];
            for (int r = 0; r < k; r++) {
                System.arraycopy(numbers(inv.get(r), k, where, what + " row " + (r + 1)), 0, flat, r * k, k);
            }
            all.add(new CodeDistance(numbers(c.get("mean"), k, where, what + " mean"), flat,
                    positive(c.get("errorScale"), where, what + " error scale"),
                    positive(c.get("codeScale"), where, what + " code scale")));
        }
        return all;
    }

    private static double positive(JsonNode x, String where, String what) {
        double d = number(x, where, what);
        if (!(d > 0)) {
            throw bad(where, what + " is " + d + "; expected a positive number");
        }
        return d;
    }

    private static double[] numbers(JsonNode a, int n, String where, String what) {
        if (a == null || !a.isArray() || a.size() != n) {
            throw bad(where, what + ": expected " + n + " numbers, found "
                    + (a == null || !a.isArray() ? "none" : a.size()));
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = number(a.get(i), where, what + " [" + (i + 1) + "]");
        }
        return v;
    }

    private static double number(JsonNode x, String where, String what) {
        if (x == null || !x.isNumber()) {
            throw bad(where, what + " is " + (x == null ? "missing" : "'" + x.asText() + "'") + "; expected a finite number");
        }
        double d = x.asDouble();
        if (!Double.isFinite(d)) {
            throw bad(where, what + " is " + d + "; expected a finite number");
        }
        return d;
    }

    private static DataException bad(String where, String what) {
        return new DataException(where + ": " + what);
    }
}
