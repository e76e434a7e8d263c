package dev.autoencoder.cli;

import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder encode}: latent codes (or any hidden layer's outputs) for every row. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the latent code of every row (the bottleneck, or hidden layer K with --layer).")
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApplyOptions apply;

    @Option(names = "--layer", paramLabel = "K", description = "Hidden layer K (1-based; default: the bottleneck).")
    Integer layer;

    @Override
    public Integer call() throws Exception {
        Autoencoder m = apply.open();
        int k = layer == null ? m.latentLayer() : layer;
        if (k < 1 || k >= m.layerCount()) {
            throw new ParameterException(spec.commandLine(), "--layer must be a hidden layer, 1.." + (m.layerCount() - 1)
                    + ", found " + k);
        }
        List<String> names = new ArrayList<>();
        String prefix = k == m.latentLayer() ? "latent_" : "layer" + k + "_";
        for (int i = 1; i <= m.width(k); i++) {
            names.add(prefix + i);
        }
        if (Streaming.applies(apply.data, apply.out)) {
            Streaming.run(m, apply.data, apply.err(), apply.out, names, rows -> m.encode(rows, k), List.of(), null);
            return ExitCodes.OK;
        }
        Table t = Commands.readFor(m, apply.data, apply.err());
        Outputs.writeTable(apply.out, t, names, m.encode(t.values(), k), Commands.labelName(t), Commands.labelColumn(t));
        return ExitCodes.OK;
    }
}
