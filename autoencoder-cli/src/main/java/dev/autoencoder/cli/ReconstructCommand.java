package dev.autoencoder.cli;

import dev.autoencoder.data.Table;
import dev.autoencoder.model.Autoencoder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autoencoder reconstruct}: every row through the network, back in the data's units. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the reconstruction of every row, in the data's original units.")
final class ReconstructCommand implements Callable<Integer> {
    @Mixin
    ApplyOptions apply;

    @Override
    public Integer call() throws Exception {
        Autoencoder m = apply.open();
        if (Streaming.applies(apply.data, apply.out)) {
            Streaming.run(m, apply.data, apply.err(), apply.out, m.columns(), m::reconstruct, java.util.List.of(), null);
            return ExitCodes.OK;
        }
        Table t = Commands.readFor(m, apply.data, apply.err());
        Outputs.writeTable(apply.out, t, m.columns(), m.reconstruct(t.values()), Commands.labelName(t), Commands.labelColumn(t));
        return ExitCodes.OK;
    }
}
