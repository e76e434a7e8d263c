package dev.autoencoder.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a table from a file by its kind: IDX images for *-ubyte(.gz), NumPy arrays for *.npy, CSV otherwise. */
public final class DataSources {
    private DataSources() {}

    public static Table read(Path path, CsvOptions options) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        }
        if (IdxReader.handles(path)) {
            return IdxReader.readImages(path, options.limit());
        }
        if (Npy.handles(path)) {
            return Npy.read(path, options.limit());
        }
        return CsvReader.read(path, options);
    }

    /** Whether a path is read as CSV (and so has a header with column names, ids and labels). */
    public static boolean isCsv(Path path) {
        return !IdxReader.handles(path) && !Npy.handles(path);
    }
}
