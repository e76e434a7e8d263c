package dev.autoencoder.cli;

import dev.autoencoder.model.Autoencoder;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What encode, reconstruct and score share: a model, the data to apply it to, and an output file. */
final class ApplyOptions {
    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV ('-' for stdout); a "
            + "name ending in .npy writes a NumPy array instead (float64, the same columns without id and label).")
    Path out;

    /** Where warnings go: the command's stderr. */
    java.io.PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Refuses an output that is an input, then loads the model. */
    Autoencoder open() throws IOException {
        Outputs.checkNotAnInput(out, data.data, model.model);
        return model.load();
    }
}
