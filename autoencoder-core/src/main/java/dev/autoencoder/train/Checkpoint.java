package dev.autoencoder.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.data.DataException;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.io.Json;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.random.NumpyRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: the model as it stands, the full {@link TrainingState} and a fingerprint of
 * the run (options and data checksum) so a resume cannot silently mix runs. JSON, written
 * atomically, doubles exact to the bit.
 */
public record Checkpoint(Autoencoder model, TrainingState state, Map<String, Object> fingerprint) {
    public static final String FORMAT = "autoencoder-checkpoint";
    public static final int VERSION = 1;

    public void write(Path path) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("fingerprint", fingerprint);
        doc.put("model", Json.MAPPER.readTree(ModelFile.toJson(model)));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("nextEpoch", state.nextEpoch());
        st.put("lossHistory", state.lossHistory());
        st.put("validationHistory", state.validationHistory());
        st.put("best", Double.isInfinite(state.best()) ? null : state.best());
        st.put("bestEpoch", state.bestEpoch());
        st.put("bestParameters", state.bestParameters());
        st.put("order", state.order());
        st.put("shuffler", rng(state.shuffler()));
        st.put("noise", rng(state.noise()));
        st.put("optimizerState", state.optimizerState());
        st.put("optimizerSteps", state.optimizerSteps());
        doc.put("state", st);
        JsonNode tree = Json.MAPPER.valueToTree(doc);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("stateSha256", sha256(tree));
        AtomicFiles.write(path, Json.MAPPER.writeValueAsBytes(tree));
    }

    /** SHA-256 over the fingerprint and the state as JSON: an edit to either is found on reading. */
    private static String sha256(JsonNode doc) throws IOException {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(Json.MAPPER.writeValueAsBytes(doc.get("fingerprint")));
            md.update(Json.MAPPER.writeValueAsBytes(doc.get("state")));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> rng(NumpyRandom.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mt", s.mt());
        m.put("position", s.position());
        m.put("hasGauss", s.hasGauss());
        m.put("cachedGauss", s.cachedGauss());
        return m;
    }

    public static Checkpoint read(Path path) throws IOException {
        JsonNode doc;
        try {
            doc = Json.readTree(path, 3 * dev.autoencoder.model.ModelFile.MAX_FILE_BYTES);
        } catch (Json.SizeLimit e) {
            throw new DataException(e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException(path + ": not a checkpoint (not valid JSON); expected a file written by "
                    + "Checkpoint.write");
        }
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw new DataException(path + ": not a checkpoint (\"format\" is '" + doc.path("format").asText()
                    + "', expected '" + FORMAT + "')");
        }
        if (doc.path("version").asInt(-1) != VERSION) {
            throw new DataException(path + ": checkpoint version " + doc.path("version").asText() + ", this tool reads "
                    + VERSION);
        }
        String expected = doc.path("stateSha256").asText("");
        if (!expected.isEmpty() && !expected.equals(sha256(doc))) {
            throw new DataException(path + ": the training state or options do not match the checkpoint's checksum "
                    + "(stateSha256); it was changed or damaged after it was written; start the training again");
        }
        try {
            Autoencoder model = ModelFile.fromJson(doc.get("model"), path + " (model)");
            JsonNode s = doc.get("state");
            TrainingState state = new TrainingState(s.get("nextEpoch").asInt(),
                    Json.MAPPER.treeToValue(s.get("lossHistory"), double[].class),
                    Json.MAPPER.treeToValue(s.get("validationHistory"), double[].class),
                    s.get("best").isNull() ? Double.POSITIVE_INFINITY : s.get("best").asDouble(),
                    s.get("bestEpoch").asInt(),
                    s.get("bestParameters").isNull() ? null : Json.MAPPER.treeToValue(s.get("bestParameters"), double[][].class),
                    s.get("order").isNull() ? null : Json.MAPPER.treeToValue(s.get("order"), int[].class),
                    rng(s.get("shuffler")), rng(s.get("noise")),
                    Json.MAPPER.treeToValue(s.get("optimizerState"), double[][][].class),
                    s.get("optimizerSteps").asLong());
            checkRanges(state, model, path);
            @SuppressWarnings("unchecked")
            Map<String, Object> fp = Json.MAPPER.treeToValue(doc.get("fingerprint"), Map.class);
            return new Checkpoint(model, state, fp);
        } catch (NullPointerException | IllegalArgumentException | ClassCastException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException(path + ": damaged checkpoint (" + e.getClass().getSimpleName()
                    + "); start the training again instead of resuming");
        }
    }

    /** Values a resume would trip over later are refused now, with what is wrong. */
    private static void checkRanges(TrainingState s, Autoencoder model, Path path) {
        java.util.List<String> bad = new java.util.ArrayList<>();
        if (s.nextEpoch < 0 || s.lossCount != s.nextEpoch) {
            bad.add("epoch " + s.nextEpoch + " with " + s.lossCount + " losses recorded");
        }
        if (s.bestEpoch < -1 || s.bestEpoch >= Math.max(1, s.nextEpoch)) {
            bad.add("best epoch " + s.bestEpoch);
        }
        if (s.optimizerSteps < 0) {
            bad.add("optimizer steps " + s.optimizerSteps);
        }
        if (s.order != null) {
            boolean[] seen = new boolean[s.order.length];
            for (int v : s.order) {
                if (v < 0 || v >= seen.length || seen[v]) {
                    bad.add("a row order that is not a permutation");
                    break;
                }
                seen[v] = true;
            }
        }
        for (NumpyRandom.State r : new NumpyRandom.State[] {s.shuffler, s.noise}) {
            if (r != null && (r.mt() == null || r.mt().length != 624 || r.position() < 0 || r.position() > 624)) {
                bad.add("a random generator state of " + (r.mt() == null ? 0 : r.mt().length) + " words at position "
                        + r.position());
            }
        }
        java.util.List<dev.autoencoder.nn.Parameter> params = model.network().parameters();
        if (s.bestParameters != null) {
            boolean fits = s.bestParameters.length == params.size();
            for (int i = 0; fits && i < params.size(); i++) {
                fits = s.bestParameters[i].length == params.get(i).size();
            }
            if (!fits) {
                bad.add("best parameters of another shape than the model's");
            }
        }
        for (double[][] slot : s.optimizerState) {
            boolean fits = slot.length == params.size();
            for (int i = 0; fits && i < params.size(); i++) {
                fits = slot[i].length == params.get(i).size();
            }
            if (!fits) {
                bad.add("optimizer moments of another shape than the model's");
                break;
            }
        }
        if (!bad.isEmpty()) {
            throw new DataException(path + ": damaged checkpoint (" + String.join(", ", bad) + "); start the training "
                    + "again instead of resuming");
        }
    }

    private static NumpyRandom.State rng(JsonNode n) throws com.fasterxml.jackson.core.JsonProcessingException {
        return new NumpyRandom.State(Json.MAPPER.treeToValue(n.get("mt"), int[].class), n.get("position").asInt(),
                n.get("hasGauss").asBoolean(), n.get("cachedGauss").asDouble());
    }
}
