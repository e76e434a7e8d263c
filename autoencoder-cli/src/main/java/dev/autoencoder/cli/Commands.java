package dev.autoencoder.cli;

import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import dev.autoencoder.model.Autoencoder;
import java.io.IOException;
import java.util.List;

/** What the commands that apply a model share. */
final class Commands {
    private Commands() {}

    /** Reads the data for a model and checks that its width fits. */
    static Table readFor(Autoencoder m, DataOptions data) throws IOException {
        Table t = data.read(m.columns());
        if (t.values().cols != m.inputWidth()) {
            throw new DataException("the model expects " + m.inputWidth() + " input columns, " + data.data + " has "
                    + t.values().cols + " (" + abbreviate(t.columns()) + "); select the model's columns with --columns "
                    + "or --exclude-columns");
        }
        return t;
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... (" + names.size() + " in all)";
    }

    static List<String> labelName(Table t) {
        return t.labels() == null ? List.of() : List.of(t.labelName());
    }

    static List<double[]> labelColumn(Table t) {
        return t.labels() == null ? List.of() : List.<double[]>of(t.labels());
    }
}
