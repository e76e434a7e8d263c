package dev.autoencoder.cli;

import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --model option of encode, reconstruct, score and inspect. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by train.")
    Path model;

    Autoencoder load() throws IOException {
        return ModelFile.read(model);
    }
}
