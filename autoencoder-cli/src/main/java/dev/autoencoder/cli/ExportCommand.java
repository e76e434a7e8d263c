package dev.autoencoder.cli;

import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder export}: a model as an ONNX graph, to run outside the JVM. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a model as an ONNX graph: float32 'input' [N, columns] in the data's units to "
                + "'latent' [N, k], 'reconstruction' [N, columns] in the data's units and 'score' [N] (what "
                + "score prints); the scaler is inside the graph.",
            "With --part encoder: input -> latent. With --part decoder: latent -> reconstruction."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--format", paramLabel = "FORMAT", description = "onnx (the only one so far).")
    String format = "onnx";

    @Option(names = "--part", paramLabel = "PART", description = "whole (default), encoder or decoder.")
    String part = "whole";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .onnx file ('-' for stdout).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stdout.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw new ParameterException(spec.commandLine(), "--format must be onnx, found '" + format + "'");
        }
        OnnxExport.Part p;
        try {
            p = OnnxExport.Part.parse(part);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--part: " + e.getMessage());
        }
        Outputs.checkNotAnInput(out, model.model);
        Autoencoder m = model.load();
        byte[] bytes = OnnxExport.toBytes(m, p);
        Outputs.write(out, o -> o.write(bytes));
        if (!quiet && !out.toString().equals("-")) {
            spec.commandLine().getOut().printf("wrote %s: the %s as ONNX (opset %d, %d bytes)%n", out,
                    p == OnnxExport.Part.WHOLE ? (m.members() > 1 ? "ensemble of " + m.members() + " networks"
                            : "model") : p.id(), OnnxExport.OPSET, bytes.length);
        }
        return ExitCodes.OK;
    }
}
