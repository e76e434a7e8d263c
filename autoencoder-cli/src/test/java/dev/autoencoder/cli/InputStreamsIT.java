package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data} from a pipe, standard input or {@code <(command)} is read once and works like a file (the
 * same model as from the file itself); a device of zeros is refused at its first block.
 */
class InputStreamsIT {
    @TempDir
    Path dir;

    private static String[] run(String shell) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", "-c", shell).directory(root.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out, err};
    }

    @Test
    void pipesAndStandardInputTrainTheSameModelAsTheFile() throws Exception {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 200; i++) {
            b.append(i % 7).append(',').append(i % 5).append(',').append((i * 3) % 11).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), b);
        String train = "./autoencoder train --hidden 2 --epochs 3 -q --model-out ";
        String[] file = run(train + dir.resolve("file.json") + " --data " + csv);
        String[] stdin = run("cat " + csv + " | " + train + dir.resolve("stdin.json") + " --data -");
        String[] subst = run(train + dir.resolve("subst.json") + " --data <(cat " + csv + ")");
        for (String[] r : new String[][] {file, stdin, subst}) {
            assertEquals("0", r[0], r[2]);
        }
        String weights = layers(dir.resolve("file.json"));
        assertEquals(weights, layers(dir.resolve("stdin.json")));
        assertEquals(weights, layers(dir.resolve("subst.json")));

        String[] zero = run(train + dir.resolve("z.json") + " --data /dev/zero");
        assertEquals("65", zero[0], zero[2]);
        assertTrue(zero[2].contains("binary data") && zero[2].strip().lines().count() == 1, zero[2]);
        assertTrue(!Files.exists(dir.resolve("z.json")));
    }

    private static String layers(Path model) throws Exception {
        String json = Files.readString(model);
        return json.substring(json.indexOf("\"layers\""), json.indexOf("\"scaler\""));
    }
}
