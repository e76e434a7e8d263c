package dev.autoencoder.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a table from a file by its kind: IDX images for *-ubyte(.gz), CSV otherwise. */
public final class DataSources {
    private DataSources() {}

    public static Table read(Path path, CsvOptions options) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        }
        if (IdxReader.handles(path)) {
            return IdxReader.readImages(path, options.limit());
        }
        return CsvReader.read(path, options);
    }
}
