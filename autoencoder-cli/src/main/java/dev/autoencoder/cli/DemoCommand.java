package dev.autoencoder.cli;

import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.chapter.DemoSummary;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.io.Json;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.report.DemoFigures;
import dev.autoencoder.report.DemoReport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code autoencoder demo}: the chapter's workflow, end to end, with its defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the chapter's workflow: 12 synthetic sloped lines through a 3-2-1-2-3 autoencoder "
                + "(sigmoid hidden nodes, linear outputs, Xavier init, MSE, full-batch gradient descent).",
            "Writes DIR/summary.json. Source: M. J. Pyrcz, Applied Machine Learning in Python, \"Autoencoder\"."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("demo-output");

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = DemoConfig.CHAPTER.epochs();

    @Option(names = "--learning-rate", paramLabel = "X", description = "Gradient descent step (default: ${DEFAULT-VALUE}).")
    double learningRate = DemoConfig.CHAPTER.learningRate();

    @Option(names = "--seed", paramLabel = "S",
            description = "Weights seed; training data use S+1, test data S+7 (default: ${DEFAULT-VALUE}).")
    long seed = DemoConfig.CHAPTER.seed();

    @Option(names = "--layers", paramLabel = "W,W,...", converter = Converters.WidthsConverter.class,
            description = "Layer widths, first and last 3 (default: 3,2,1,2,3).")
    Converters.Widths layers = new Converters.Widths(DemoConfig.CHAPTER.layers());

    @Option(names = "--activation", paramLabel = "NAME", converter = Converters.ActivationConverter.class,
            description = "Hidden-layer activation: sigmoid, tanh, relu, leaky-relu, elu, softplus, linear "
                    + "(default: sigmoid; outputs stay linear).")
    Activation activation = Activation.SIGMOID;

    @Option(names = "--initializer", paramLabel = "NAME", converter = Converters.InitializerConverter.class,
            description = "xavier-uniform, xavier-text, xavier-normalized-text, he-uniform, he-normal "
                    + "(default: xavier-uniform).")
    Initializer initializer = DemoConfig.CHAPTER.initializer();

    @Option(names = "--loss", paramLabel = "NAME", converter = Converters.LossConverter.class,
            description = "mse or half-sse (default: mse).")
    Loss loss = DemoConfig.CHAPTER.loss();

    @Option(names = "--log-scale", description = "Draw the loss figure with a logarithmic loss axis.")
    boolean logScale;

    @Option(names = "--no-figures", description = "Write summary.json only: no figures, no report.")
    boolean noFigures;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary lines on stdout.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        DemoConfig config;
        try {
            config = DemoConfig.CHAPTER.withLayers(layers.values(), activation).withInitializer(initializer).withLoss(loss)
                    .withEpochs(epochs).withLearningRate(learningRate).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Outputs.checkFolder(out, "--out");
        DemoResult r;
        try (Progress progress = Progress.start("training", config.epochs(), quiet)) {
            r = ChapterDemo.run(config, (loss, epoch) -> progress.epoch(epoch, loss));
        }
        Path summary = out.resolve("summary.json");
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(DemoSummary.of(r));
            try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
                batch.write(summary, o -> o.write(json));
                if (!noFigures) {
                    Map<String, DemoFigures.Sized> figures = DemoFigures.of(r, logScale);
                    DemoFigures.write(figures, out, batch);
                    byte[] html = DemoReport.html(r, figures).getBytes(StandardCharsets.UTF_8);
                    batch.write(out.resolve("report.html"), o -> o.write(html));
                }
                batch.commit();
            }
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO, "could not write into " + out + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        if (quiet) {
            return ExitCodes.OK;
        }

        PrintWriter o = spec.commandLine().getOut();
        double[] loss = r.lossHistory();
        o.printf("chapter demo: %s autoencoder (%s), %d samples, %d epochs, learning rate %s, seed %d%n",
                Arrays.stream(config.layers()).mapToObj(Integer::toString).collect(Collectors.joining("-")),
                Arrays.stream(config.activations()).map(Activation::id).collect(Collectors.joining(",")),
                r.train().x().rows, config.epochs(), config.learningRate(), config.seed());
        o.printf("final training loss %.6g (epoch %d), test MSE %.6g%n", loss[loss.length - 1], loss.length - 1,
                r.testMse());
        o.printf("latent vs slope: r = %.4f (latent = %.4f %+.4f * slope)%n", r.latentVsSlope().r(),
                r.latentVsSlope().intercept(), r.latentVsSlope().slope());
        o.printf("trained in %.3f s; wrote %s%s%n", r.trainSeconds(), summary,
                noFigures ? "" : ", figures and " + out.resolve("report.html"));
        o.flush();
        return ExitCodes.OK;
    }
}
