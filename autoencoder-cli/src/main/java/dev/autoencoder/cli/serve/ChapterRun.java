package dev.autoencoder.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.chapter.ChainRule;
import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.chapter.NodeNames;
import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Network;
import dev.autoencoder.train.StepObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's chapter mode: the chapter's workflow ({@link ChapterDemo}, the code behind {@code demo}) at
 * the settings a page sends, streamed as it trains, with about a hundred snapshots (parameters, latent values,
 * reconstructions, each recorded as the chapter records its last epoch) for the page's epoch scrubber.
 */
final class ChapterRun {
    /** Bounds that keep one request from holding the server: the chapter's network is tiny, its loops are not. */
    static final int MAX_EPOCHS = 100_000;
    static final int MAX_SAMPLES = 1_000;
    static final int MAX_WIDTH = 16;
    static final int MAX_LAYERS = 9;
    private static final int SNAPSHOTS = 100;
    private static final int PROGRESS_EVENTS = 200;
    private static final int CURVE_POINTS = 2_000;

    final DemoConfig config;
    final int samples;
    final double noise;

    private ChapterRun(DemoConfig config, int samples, double noise) {
        this.config = config;
        this.samples = samples;
        this.noise = noise;
    }

    /** Reads a page's settings; anything missing takes the chapter's value. */
    static ChapterRun parse(JsonNode s) {
        DemoConfig c = DemoConfig.CHAPTER;
        int epochs = Requests.integer(s, "epochs", c.epochs(), 1, MAX_EPOCHS);
        double lr = Requests.number(s, "learningRate", c.learningRate(), 1e-6, 100);
        long seed = Requests.integer(s, "seed", (int) c.seed(), 0, 1_000_000);
        int samples = Requests.integer(s, "samples", DemoConfig.SAMPLES, 2, MAX_SAMPLES);
        double noise = Requests.number(s, "noise", SlopedLines.SIGMA, 0, 10);
        int[] layers = c.layers();
        if (s.has("layers")) {
            layers = Requests.widths(s.get("layers"), "layers", MAX_WIDTH);
            if (layers.length < 3 || layers.length > MAX_LAYERS || layers[0] != 3 || layers[layers.length - 1] != 3) {
                throw new Requests.BadRequest("layers must start and end with 3 (the lines' three values) and have 3 to "
                        + MAX_LAYERS + " widths, found " + s.get("layers"));
            }
        }
        DemoConfig config = c.withEpochs(epochs).withLearningRate(lr).withSeed(seed);
        if (s.has("activation") || s.has("layers")) {
            String name = s.has("activation") ? s.get("activation").asText() : "sigmoid";
            Activation hidden;
            try {
                hidden = Activation.parse(name);
            } catch (IllegalArgumentException e) {
                throw new Requests.BadRequest(e.getMessage());
            }
            config = config.withLayers(layers, hidden);
        }
        return new ChapterRun(config, samples, noise);
    }

    /** Trains, sending progress and snapshots to {@code job}, and finishes it with the result. */
    void run(Job job) {
        int epochs = config.epochs();
        int every = Math.max(1, epochs / SNAPSHOTS);
        int progressEvery = Math.max(1, epochs / PROGRESS_EVENTS);
        List<Map<String, Object>> snapshots = new ArrayList<>();
        StepObserver watcher = new StepObserver() {
            @Override
            public boolean observesStep(int epoch) {
                return epoch % every == 0 || epoch == epochs - 1;
            }

            @Override
            public void afterBackward(int epoch, int[] rows, Network net, Network.Pass pass) {
                Map<String, Object> snap = new LinkedHashMap<>();
                snap.put("epoch", epoch);
                snap.put("parameters", NodeNames.values(net));
                snap.put("latent", Json.rows(pass.output(net.bottleneckLayer() - 1).toMatrix()));
                snap.put("reconstruction", Json.rows(pass.output().toMatrix()));
                snapshots.add(snap);
            }
        };
        DemoResult r = ChapterDemo.run(config, samples, noise, (loss, epoch) -> {
            if (epoch % progressEvery == 0 || epoch == epochs - 1) {
                job.emit(Requests.json(Map.of("type", "progress", "epoch", epoch, "epochs", epochs, "loss", loss)));
            }
        }, watcher, (state, net) -> job.stopRequested());
        job.outcome = r;
        double[] loss = r.lossHistory();
        double[] test = r.testLossHistory();
        for (Map<String, Object> snap : snapshots) {
            snap.put("loss", loss[Math.min((Integer) snap.get("epoch"), loss.length - 1)]);
        }
        List<double[]> curve = new ArrayList<>();
        int step = Math.max(1, loss.length / CURVE_POINTS);
        for (int e = 0; e < loss.length; e += step) {
            curve.add(new double[] {e + 1, loss[e], test[e]});
        }
        if ((loss.length - 1) % step != 0) {
            curve.add(new double[] {loss.length, loss[loss.length - 1], test[loss.length - 1]});
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "done");
        done.put("stopped", loss.length < epochs);
        done.put("epochsRun", loss.length);
        done.put("loss", loss[loss.length - 1]);
        done.put("testMse", r.testMse());
        done.put("r", r.latentVsSlope().r());
        done.put("fitSlope", r.latentVsSlope().slope());
        done.put("fitIntercept", r.latentVsSlope().intercept());
        done.put("seconds", r.trainSeconds());
        done.put("widths", config.layers());
        done.put("nodes", NodeNames.nodeLabels(config.layers()));
        done.put("edges", edges(config.layers()));
        done.put("x", Json.rows(r.train().x()));
        done.put("slope", r.train().slope());
        done.put("curve", curve);
        done.put("initial", r.initialParameters());
        done.put("final", r.parameters());
        done.put("snapshots", snapshots);
        job.finish(Requests.json(done));
    }

    /** Every weight as [name, from node, to node] (nodes numbered 1.. column by column, as the chapter does). */
    static List<Object[]> edges(int[] widths) {
        return NodeNames.edges(widths).stream().map(e -> new Object[] {e.name(), e.from(), e.to()}).toList();
    }

    /**
     * The chain rule for one parameter of a finished run, trained and initial, on the first training sample:
     * the chapter's walk, each step computed from the one before (what {@code explain --full} prints).
     */
    static Map<String, Object> explain(DemoResult r, String parameter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameter", parameter);
        double[] first = r.train().x().row(0);
        try {
            out.put("trained", ChainRule.walk(r.network(), r.config().loss(), first, parameter));
            out.put("initial", ChainRule.walk(r.initialNetwork(), r.config().loss(), first, parameter));
        } catch (IllegalArgumentException e) {
            throw new Requests.BadRequest(e.getMessage());
        }
        Matrix x = r.train().x();
        out.put("gradient", ChainRule.explain(r.network(), r.config().loss(), x, parameter, null).chainRule());
        return out;
    }
}
