package dev.autoencoder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.random.NumpyRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static Autoencoder randomModel() {
        NumpyRandom rng = new NumpyRandom(5);
        Network net = Network.initialize(new int[] {4, 3, 2, 3, 4},
                new Activation[] {Activation.TANH, Activation.LINEAR, Activation.ELU, Activation.LINEAR},
                Initializer.HE_NORMAL, 0.0, rng);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.values()[i] += rng.gauss() * 1e-3; // values with all 17 significant digits
            }
        }
        Matrix x = new Matrix(10, 4);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.uniform(-5, 50);
        }
        return new Autoencoder(net, Scaler.fit(Scaler.Type.STANDARD, x), List.of("a", "b", "c", "d"),
                Map.of("seed", 5), Map.of("p99", 0.123456789012345678));
    }

    @Test
    void saveAndLoadRoundTripIsBitExact() throws IOException {
        Autoencoder m = randomModel();
        Path file = dir.resolve("m.json");
        ModelFile.write(m, file);
        Autoencoder back = ModelFile.read(file);
        List<Parameter> a = m.network().parameters(), b = back.network().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                assertEquals(Double.doubleToLongBits(a.get(i).values()[j]), Double.doubleToLongBits(b.get(i).values()[j]));
            }
        }
        assertArrayEquals(m.scaler().offset(), back.scaler().offset(), 0.0);
        assertArrayEquals(m.scaler().scale(), back.scaler().scale(), 0.0);
        assertEquals(m.columns(), back.columns());
        assertEquals(m.trainingErrors(), back.trainingErrors());
        assertArrayEquals(m.network().activations(), back.network().activations());
        assertEquals(ModelFile.toJson(m), ModelFile.toJson(back), "writing the loaded model gives the same file");
    }

    @Test
    void theCheckedInVersion1ModelStillReadsAndReproducesTheChapter() throws IOException {
        // models/chapter-v1.json: the chapter's trained network, saved by format version 1.
        Path golden = Path.of("src/test/resources/models/chapter-v1.json");
        Autoencoder m = ModelFile.read(golden);
        assertEquals(24, m.network().parameterCount());
        assertEquals(List.of("I1", "I2", "I3"), m.columns());
        SlopedLines test = SlopedLines.generate(20, 12);
        double mse = Loss.MSE.sum(m.reconstruct(test.x()), test.x()) / 12;
        // SEED-SPEC section 8: the chapter's test MSE with its final parameters
        assertEquals(0.017047715568290916, mse, 1e-12 * 0.017047715568290916);
    }

    private DataException corrupt(String from, String to) throws IOException {
        String json = ModelFile.toJson(randomModel());
        assertTrue(json.contains(from), "test setup: " + from);
        Path f = Files.writeString(dir.resolve("bad.json"), json.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        return assertThrows(DataException.class, () -> ModelFile.read(f));
    }

    @Test
    void damagedFilesAreRefusedWithTheReason() throws IOException {
        assertTrue(corrupt("\"version\" : 1", "\"version\" : 4").getMessage().contains("newer"));
        assertTrue(corrupt("autoencoder-model", "keras-model").getMessage().contains("format"));
        assertTrue(corrupt("\"outputs\" : 3", "\"outputs\" : 4").getMessage().contains("weights"));
        assertTrue(corrupt("\"inputs\" : 4", "\"inputs\" : 1000000000").getMessage().contains("refusing"));
        assertTrue(corrupt("\"activation\" : \"tanh\"", "\"activation\" : \"swish\"").getMessage().contains("swish"));
        assertTrue(corrupt("\"bias\" : [ ", "\"bias\" : [ \"x\", ").getMessage().contains("bias"));
        assertTrue(corrupt("\"format\"", "\"forma").getMessage().contains("not valid JSON"));
        String json = ModelFile.toJson(randomModel());
        int at = json.indexOf("\"weights\" : [ [ ") + 16;
        int end = json.indexOf(',', at);
        String changed = json.substring(0, at) + "0.5" + json.substring(end);
        Path f = Files.writeString(dir.resolve("tampered.json"), changed);
        assertTrue(assertThrows(DataException.class, () -> ModelFile.read(f)).getMessage().contains("checksum"));
        Path truncated = Files.writeString(dir.resolve("trunc.json"), json.substring(0, json.length() / 2));
        assertTrue(assertThrows(DataException.class, () -> ModelFile.read(truncated)).getMessage().contains("JSON"));
    }

    @Test
    void encodeEqualsTheForwardPassToTheChosenLayer() {
        Autoencoder m = randomModel();
        NumpyRandom rng = new NumpyRandom(8);
        Matrix raw = new Matrix(6, 4);
        for (int i = 0; i < raw.data.length; i++) {
            raw.data[i] = rng.uniform(0, 40);
        }
        Network net = m.network();
        Matrix scaled = m.scaler().transform(raw);
        for (int layer = 1; layer <= 3; layer++) {
            assertArrayEquals(net.forwardTo(scaled, layer).data, m.encode(raw, layer).data, 0.0, "layer " + layer);
        }
        assertEquals(2, m.latentLayer());
        Matrix rec = m.reconstruct(raw);
        Matrix back = m.scaler().inverse(net.forward(scaled));
        assertArrayEquals(back.data, rec.data, 0.0);
        double[] s = m.score(raw);
        Matrix out = net.forward(scaled);
        for (int r = 0; r < raw.rows; r++) {
            double acc = 0;
            for (int c = 0; c < 4; c++) {
                double d = out.get(r, c) - scaled.get(r, c);
                acc += d * d;
            }
            assertEquals(acc / 4, s[r], 1e-15);
        }
    }

    /** Every field that changes a result is under a checksum: scaler, columns, thresholds. */
    @Test
    void editedScalerColumnsOrThresholdsAreRefused() throws IOException {
        String json = ModelFile.toJson(randomModel());
        String mean = json.substring(json.indexOf("\"mean\" : [ ") + 11);
        mean = mean.substring(0, mean.indexOf(','));
        for (String[] edit : new String[][] {
                {"\"mean\" : [ " + mean, "\"mean\" : [ 1000.5"},
                {"\"a\", \"b\"", "\"b\", \"a\""},
                {"\"type\" : \"standard\"", "\"type\" : \"none\""},
                {"\"p99\" : 0.12345678901234568", "\"p99\" : 0.5"}}) {
            DataException e = corrupt(edit[0], edit[1]);
            assertTrue(e.getMessage().contains("checksum"), edit[1] + ": " + e.getMessage());
        }
    }

    /** A model file says one thing: duplicate keys, trailing text and fractional sizes are refused. */
    @Test
    void ambiguousFilesAreRefused() throws IOException {
        assertTrue(corrupt("\"inputs\" : 4", "\"inputs\" : 4.5").getMessage().contains("whole numbers"));
        assertTrue(corrupt("\"format\" : ", "\"format\" : \"x\", \"format\" : ").getMessage()
                .contains("Duplicate field"));
        String json = ModelFile.toJson(randomModel());
        Path f = Files.writeString(dir.resolve("trailing.json"), json + "\n{\"more\": 1}\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    /** A device or an endless stream is refused at its first bad byte, without reading it into memory. */
    @Test
    void aDeviceIsNotReadIntoMemory() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        DataException e = assertThrows(DataException.class, () -> ModelFile.read(zero));
        assertTrue(e.getMessage().contains("not a model file"), e.getMessage());
    }
}
