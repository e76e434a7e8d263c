package dev.autoencoder;

import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.DataSources;
import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front door of the library: read a table, fit a model, save and load it. The model does the rest
 * ({@link Autoencoder#encode}, {@link Autoencoder#reconstruct}, {@link Autoencoder#score}); it is
 * immutable, and any number of threads may use one model at once.
 *
 * <pre>{@code
 * Table table = Autoencoders.read(Path.of("wells.csv"));               // CSV, .npy or IDX
 * Autoencoder model = Autoencoders.fit(table, TrainSpec.DEFAULTS);     // an ensemble of 5, 30 epochs
 * double[] scores = model.score(table.values());                      // what `autoencoder score` prints
 * Autoencoders.save(model, Path.of("wells.json"));                   // the command line reads it too
 * }</pre>
 *
 * <p>{@link TrainSpec#DEFAULTS} are the command line's defaults (widths that follow the data, tanh,
 * Adam, standard scaling); change them with its {@code with...} methods, e.g.
 * {@code TrainSpec.DEFAULTS.withHidden(8, 4, 8).withEpochs(100).withSeed(7)}. For what this class does not
 * cover (validation files, checkpoints, progress), use {@link AutoencoderTrainer} directly.
 *
 * <p>The vector kernels need the JVM option {@code --add-modules jdk.incubator.vector}; without it the
 * library says so once on stderr and computes the same numbers on plain loops.
 */
public final class Autoencoders {
    private Autoencoders() {}

    /**
     * Reads a table by its kind: a NumPy array ({@code *.npy}), IDX images ({@code *-ubyte}, {@code .gz} too),
     * or CSV (comma, semicolon or tab, header detected, {@code .gz} read transparently; a column named
     * {@code label} is kept out of the features as the label).
     *
     * @throws dev.autoencoder.data.DataException for content that is not a table of numbers, with the
     *         file, line and column in its message
     */
    public static Table read(Path file) throws IOException {
        return DataSources.read(file, CsvOptions.DEFAULTS);
    }

    /** Reads a table with these CSV options (columns, id and label columns, missing values, ...). */
    public static Table read(Path file, CsvOptions options) throws IOException {
        return DataSources.read(file, options);
    }

    /** Fits a model to a table's feature columns; the model remembers their names. */
    public static Autoencoder fit(Table table, TrainSpec spec) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", table.source());
        if (table.idName() != null) {
            provenance.put("idColumn", table.idName());
        }
        if (table.labelName() != null) {
            provenance.put("labelColumn", table.labelName());
        }
        return fit(table.values(), table.columns(), spec, provenance);
    }

    /** Fits a model to rows of numbers; its columns are called x1, x2, ... */
    public static Autoencoder fit(Matrix rows, TrainSpec spec) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= rows.cols; c++) {
            names.add("x" + c);
        }
        return fit(rows, names, spec, new LinkedHashMap<>());
    }

    private static Autoencoder fit(Matrix rows, List<String> columns, TrainSpec spec, Map<String, Object> provenance) {
        provenance.put("seed", spec.training().seed());
        String version = Autoencoders.class.getPackage().getImplementationVersion();
        provenance.put("libraryVersion", "autoencoder " + (version == null ? "development" : version));
        provenance.put("created", Instant.now().toString());
        return new AutoencoderTrainer(spec).fit(rows, null, null, columns, provenance, null).model();
    }

    /** Saves a model as JSON (atomically: the old file or the whole new one, never a part). */
    public static void save(Autoencoder model, Path file) throws IOException {
        ModelFile.write(model, file);
    }

    /**
     * Loads a model saved by {@link #save} or by {@code autoencoder train}, checking its checksums.
     *
     * @throws dev.autoencoder.data.DataException for a file that is not an intact model
     */
    public static Autoencoder load(Path file) throws IOException {
        return ModelFile.read(file);
    }
}
