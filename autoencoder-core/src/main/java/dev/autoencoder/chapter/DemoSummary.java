package dev.autoencoder.chapter;

import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's {@code summary.json}: a fixed set of fields other tools can rely on (documented in
 * docs/demo.md). Values are exact: every double reads back to the same bits.
 */
public final class DemoSummary {
    private DemoSummary() {}

    public static Map<String, Object> of(DemoResult r) {
        DemoConfig c = r.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", c.layers());
        config.put("activations", Arrays.stream(c.activations()).map(Activation::id).toArray(String[]::new));
        config.put("initializer", c.initializer().id());
        config.put("loss", c.loss().id());
        config.put("epochs", c.epochs());
        config.put("learningRate", c.learningRate());
        config.put("seed", c.seed());

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("config", config);
        s.put("train", data(r.train()));
        s.put("test", data(r.test()));
        s.put("initialParameters", r.initialParameters());
        s.put("parameters", r.parameters());
        s.put("lossHistory", r.lossHistory());
        s.put("latent", r.latent().cols == 1 ? r.latentColumn() : Json.rows(r.latent()));
        s.put("reconstructionTrain", Json.rows(r.reconstructionTrain()));
        s.put("reconstructionTest", Json.rows(r.reconstructionTest()));
        s.put("testMse", r.testMse());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("slope", r.latentVsSlope().slope());
        fit.put("intercept", r.latentVsSlope().intercept());
        fit.put("r", r.latentVsSlope().r());
        s.put("latentVsSlope", fit);
        s.put("trainSeconds", r.trainSeconds());
        return s;
    }

    private static Map<String, Object> data(SlopedLines d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Matrix x = d.x();
        m.put("x", Json.rows(x));
        m.put("slope", d.slope());
        return m;
    }
}
