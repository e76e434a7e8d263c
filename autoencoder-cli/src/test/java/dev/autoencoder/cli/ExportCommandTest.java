package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} writes a graph that ONNX Runtime runs to the numbers {@code encode}, {@code reconstruct}
 * and {@code score} print, to 1e-5 relative: the default ensemble with standard scaling, and a single
 * network with min-max scaling. The table's values are float32 numbers, so the graph's input holds them
 * exactly.
 */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void anExportedModelRunsInOnnxRuntimeToWhatTheCommandsPrint() throws Exception {
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("id,u,v,w,x,y,z\n");
        for (int i = 0; i < 200; i++) {
            double s = r.nextGaussian(), t = r.nextGaussian();
            double[] v = {s, t, s + t, s * t, 5 + 2 * s, Math.tanh(t) + 0.05 * r.nextGaussian()};
            b.append("row").append(i);
            for (double x : v) {
                b.append(',').append((double) (float) x);
            }
            b.append('\n');
        }
        Path data = Files.writeString(dir.resolve("t.csv"), b.toString());
        for (String[] options : List.of(new String[] {}, new String[] {"--hidden", "4,2,4", "--scaling", "minmax",
            "--activation", "sigmoid"})) {
            Path model = dir.resolve("m.json");
            List<String> train = new ArrayList<>(List.of("train", "--data", data.toString(), "--id-column", "id",
                    "--epochs", "10", "--model-out", model.toString(), "--quiet"));
            train.addAll(List.of(options));
            assertEquals(0, CliRunner.run(train.toArray(String[]::new)).exitCode());
            Path onnx = dir.resolve("m.onnx");
            CliRunner export = CliRunner.run("export", "--model", model.toString(), "--out", onnx.toString());
            assertEquals(0, export.exitCode(), export.err());
            assertTrue(export.out().contains("ONNX"), export.out());

            Map<String, float[][]> out = run(Files.readAllBytes(onnx), rows(data, 1));
            for (String command : List.of("encode", "reconstruct", "score")) {
                Path csv = dir.resolve(command + ".csv");
                assertEquals(0, CliRunner.run(command, "--model", model.toString(), "--data", data.toString(), "--out",
                        csv.toString()).exitCode());
                double[][] printed = rows(csv, 1); // after the id
                String output = command.equals("encode") ? "latent" : command.equals("reconstruct") ? "reconstruction"
                        : "score";
                float[][] onnxValues = out.get(output);
                for (int i = 0; i < printed.length; i++) {
                    int width = output.equals("score") ? 1 : onnxValues[i].length;
                    for (int c = 0; c < width; c++) {
                        double expected = printed[i][c];
                        double actual = output.equals("score") ? onnxValues[0][i] : onnxValues[i][c];
                        assertTrue(Math.abs(actual - expected) <= 1e-5 * Math.abs(expected) + 1e-9,
                                String.format(Locale.ROOT, "%s %s row %d column %d: ONNX %s, %s printed %s",
                                        String.join(" ", options), output, i, c, actual, command, expected));
                    }
                }
            }
        }
        CliRunner bad = CliRunner.run("export", "--model", dir.resolve("m.json").toString(), "--part", "middle", "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("expected whole, encoder or decoder"), bad.err());
    }

    /** The numeric cells of a CSV written by the tool, from column skip on. */
    static double[][] rows(Path csv, int skip) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        double[][] out = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            out[i - 1] = new double[cells.length - skip];
            for (int c = skip; c < cells.length; c++) {
                out[i - 1][c - skip] = Double.parseDouble(cells[c]);
            }
        }
        return out;
    }

    static Map<String, float[][]> run(byte[] model, double[][] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] in = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            in[i] = new float[x[i].length];
            for (int c = 0; c < x[i].length; c++) {
                in[i][c] = (float) x[i][c];
            }
        }
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, in);
             OrtSession.Result result = session.run(Map.of("input", t))) {
            Map<String, float[][]> out = new HashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                Object v = e.getValue().getValue();
                out.put(e.getKey(), v instanceof float[] f ? new float[][] {f} : (float[][]) v);
            }
            return out;
        }
    }
}
