package dev.autoencoder.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exported graphs run in ONNX Runtime give what the Java model gives (what {@code encode},
 * {@code reconstruct} and {@code score} print) to 1e-5 relative, for every activation, every scaling,
 * an ensemble, and the encoder and decoder halves. The rows are float32 values, so the graph's float32
 * input holds them exactly.
 */
class OnnxExportTest {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static final int ROWS = 64;
    static final int COLS = 5;

    /** Rows on a curved 2-D sheet in 5-D plus noise, each value a float32. */
    static Matrix data(long seed) {
        Random r = new Random(seed);
        Matrix x = new Matrix(ROWS, COLS);
        for (int i = 0; i < ROWS; i++) {
            double s = r.nextGaussian(), t = r.nextGaussian();
            double[] v = {s, t, s * t, 3 + s - t, 10 * Math.sin(s) + 0.1 * r.nextGaussian()};
            for (int c = 0; c < COLS; c++) {
                x.set(i, c, (float) (v[c] * (c + 1)));
            }
        }
        return x;
    }

    static Autoencoder train(Activation act, Scaler.Type scaling, int members) {
        return train(act, scaling, members, 0);
    }

    static Autoencoder train(Activation act, Scaler.Type scaling, int members, double codeWeight) {
        Activation out = act == Activation.SIGMOID ? Activation.LINEAR : act;
        TrainSpec spec = new TrainSpec(new int[] {4, 2, 4}, act, act, out, Initializer.XAVIER_UNIFORM, 0.0,
                OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-2), TrainingConfig.DEFAULTS.withEpochs(15).withBatchSize(16),
                0.0, scaling, members, codeWeight);
        return new AutoencoderTrainer(spec).fit(data(7), null, null, List.of("a", "b", "c", "d", "e"), Map.of(), null)
                .model();
    }

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : Activation.values()) {
            cases.add(Arguments.of(a, Scaler.Type.STANDARD, 1, 0.0));
        }
        cases.add(Arguments.of(Activation.TANH, Scaler.Type.MINMAX, 1, 0.0));
        cases.add(Arguments.of(Activation.ELU, Scaler.Type.NONE, 1, 0.0));
        cases.add(Arguments.of(Activation.TANH, Scaler.Type.STANDARD, 3, 0.0));
        cases.add(Arguments.of(Activation.TANH, Scaler.Type.STANDARD, 1, 0.25)); // codes in the score
        cases.add(Arguments.of(Activation.TANH, Scaler.Type.STANDARD, 3, 0.25));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} x{2} code weight {3}")
    @MethodSource("models")
    void theWholeGraphGivesTheModelsLatentReconstructionAndScore(Activation act, Scaler.Type scaling, int members,
                                                                 double codeWeight) throws Exception {
        Autoencoder m = train(act, scaling, members, codeWeight);
        assertEquals(codeWeight, m.codeWeight(), "the model's code weight");
        Matrix x = data(99); // rows the model has not seen
        Map<String, float[][]> out = run(OnnxExport.toBytes(m, OnnxExport.Part.WHOLE), "input", x);
        assertClose(m.encode(x, m.latentLayer()), out.get("latent"), "latent");
        assertClose(m.reconstruct(x), out.get("reconstruction"), "reconstruction");
        double[] score = m.score(x);
        float[][] onnxScore = out.get("score");
        assertEquals(1, onnxScore.length, "score is one value per row: [N]");
        assertClose(new Matrix(1, score.length, score), onnxScore, "score");
    }

    @Test
    void theHalvesComposeToTheWhole() throws Exception {
        Autoencoder m = train(Activation.SIGMOID, Scaler.Type.STANDARD, 1);
        Matrix x = data(99);
        float[][] latent = run(OnnxExport.toBytes(m, OnnxExport.Part.ENCODER), "input", x).get("latent");
        assertClose(m.encode(x, m.latentLayer()), latent, "encoder");
        Matrix codes = m.encode(x, m.latentLayer());
        Matrix codesAsFloats = new Matrix(codes.rows, codes.cols);
        for (int i = 0; i < codes.data.length; i++) {
            codesAsFloats.data[i] = (float) codes.data[i];
        }
        float[][] rec = run(OnnxExport.toBytes(m, OnnxExport.Part.DECODER), "latent", codesAsFloats).get("reconstruction");
        List<dev.autoencoder.nn.DenseLayer> layers = m.network().layers();
        Matrix expected = m.scaler().inverse(new dev.autoencoder.nn.Network(layers.subList(m.latentLayer(),
                layers.size())).forward(codesAsFloats));
        assertClose(expected, rec, "decoder");
    }

    /** Runs a graph on x; outputs by name, each as [rows][cols] (a rank-1 output as one row). */
    static Map<String, float[][]> run(byte[] model, String inputName, Matrix x) throws Exception {
        float[][] in = new float[x.rows][x.cols];
        for (int r = 0; r < x.rows; r++) {
            for (int c = 0; c < x.cols; c++) {
                in[r][c] = (float) x.get(r, c);
            }
        }
        try (OrtSession session = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ENV, in);
             OrtSession.Result result = session.run(Map.of(inputName, t))) {
            Map<String, float[][]> out = new java.util.HashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                Object v = e.getValue().getValue();
                out.put(e.getKey(), v instanceof float[] f ? new float[][] {f} : (float[][]) v);
            }
            return out;
        }
    }

    /** Every value within 1e-5 of the expected one, relative (with a floor of 1e-7 of the largest value). */
    static void assertClose(Matrix expected, float[][] actual, String what) {
        assertEquals(expected.rows, actual.length, what + " rows");
        double largest = 0;
        for (double v : expected.data) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int r = 0; r < expected.rows; r++) {
            assertEquals(expected.cols, actual[r].length, what + " columns");
            for (int c = 0; c < expected.cols; c++) {
                double e = expected.get(r, c);
                double tol = 1e-5 * Math.abs(e) + 1e-7 * largest;
                assertTrue(Math.abs(actual[r][c] - e) <= tol, what + " [" + r + "][" + c + "]: ONNX " + actual[r][c]
                        + ", Java " + e);
            }
        }
    }
}
