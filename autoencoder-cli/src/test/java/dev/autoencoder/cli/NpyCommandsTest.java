package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Npy;
import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out *.npy} writes what the CSV output holds (without the id and the label) as float64, and
 * {@code --data *.npy} trains the same model as the same numbers in a CSV.
 */
class NpyCommandsTest {
    @TempDir
    Path dir;

    @Test
    void npyOutputsHoldTheCsvOutputsNumbersAndNpyInputsTrainTheSameModel() throws Exception {
        StringBuilder b = new StringBuilder("id,a,b,c,label\n");
        for (int i = 0; i < 60; i++) {
            b.append("r").append(i).append(',').append(i % 7).append(',').append(Math.sin(i)).append(',')
                    .append((i * 3) % 11 / 4.0).append(',').append(i % 9 == 0 ? 1 : 0).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), b.toString());
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("train", "--data", csv.toString(), "--id-column", "id", "--hidden", "2",
                "--epochs", "5", "--model-out", model.toString(), "--quiet").exitCode());
        for (String command : List.of("encode", "reconstruct", "score")) {
            Path asCsv = dir.resolve(command + ".csv");
            Path asNpy = dir.resolve(command + ".npy");
            assertEquals(0, CliRunner.run(command, "--model", model.toString(), "--data", csv.toString(), "--out",
                    asCsv.toString()).exitCode());
            assertEquals(0, CliRunner.run(command, "--model", model.toString(), "--data", csv.toString(), "--out",
                    asNpy.toString()).exitCode());
            Table printed = CsvReader.read(asCsv, CsvOptions.DEFAULTS.withIdColumn("id").withLabelColumn("label"));
            Matrix saved = Npy.read(asNpy, 0).values();
            assertEquals(printed.values().cols, saved.cols, command + ": the CSV's columns but id and label");
            assertArrayEquals(printed.values().data, saved.data, 0.0, command);
        }

        Table t = CsvReader.read(csv, CsvOptions.DEFAULTS.withIdColumn("id").withLabelColumn("label"));
        Path npy = dir.resolve("t.npy");
        try (var out = Files.newOutputStream(npy)) {
            Npy.write(t.values(), out);
        }
        Path fromNpy = dir.resolve("n.json");
        assertEquals(0, CliRunner.run("train", "--data", npy.toString(), "--hidden", "2", "--epochs", "5",
                "--model-out", fromNpy.toString(), "--quiet").exitCode());
        assertEquals(ModelFile.parametersSha256(ModelFile.read(model).network()),
                ModelFile.parametersSha256(ModelFile.read(fromNpy).network()), "the same numbers train the same model");
        assertEquals(List.of("x1", "x2", "x3"), ModelFile.read(fromNpy).columns());
    }
}
