package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.random.NumpyRandom;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process (a child JVM running the packaged tool) killed with SIGKILL at a random
 * moment, then resumed from its last checkpoint, must end with the same model, bit for bit, as an
 * uninterrupted run. Ctrl-C (SIGINT) must write a checkpoint and exit with 130.
 */
class KillAndResumeIT {
    @TempDir
    Path dir;

    Path data;

    @BeforeEach
    void writeData() throws Exception {
        NumpyRandom rng = new NumpyRandom(21);
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 24; c++) {
            b.append(c == 0 ? "" : ",").append("f").append(c);
        }
        b.append('\n');
        for (int r = 0; r < 3000; r++) {
            double s = rng.gauss(), t = rng.gauss();
            for (int c = 0; c < 24; c++) {
                b.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f",
                        Math.sin(c) * s + Math.cos(c) * t + 0.1 * rng.gauss()));
            }
            b.append('\n');
        }
        data = Files.writeString(dir.resolve("data.csv"), b.toString());
    }

    private String precision = "float64";

    private List<String> command(String model, String checkpoint) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "autoencoder.jar").toAbsolutePath();
        return new ArrayList<>(List.of(java, "-jar", jar.toString(), "train", "--data", data.toString(),
                "--encoder", "48,12,3", "--epochs", "60", "--batch-size", "16", "--noise", "gaussian:0.05",
                "--validation-split", "0.1", "--seed", "5", "--model-out", dir.resolve(model).toString(),
                "--checkpoint", dir.resolve(checkpoint).toString(), "--checkpoint-every", "2", "--quiet", "--precision", precision));
    }

    /** The run the Ctrl-C test interrupts: three times as many epochs, so training is most of its time; only Ctrl-C checkpoints. */
    private List<String> sigintCommand(String model, String checkpoint) {
        List<String> cmd = command(model, checkpoint);
        cmd.set(cmd.indexOf("--epochs") + 1, "180");
        cmd.set(cmd.indexOf("--checkpoint-every") + 1, "1000");
        return cmd;
    }

    private static Process start(List<String> cmd, Path log) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void assertSameModel(Path expected, Path actual) throws Exception {
        Autoencoder a = ModelFile.read(expected), b = ModelFile.read(actual);
        List<Parameter> pa = a.network().parameters(), pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).values(), pb.get(i).values(), 0.0, pa.get(i).name());
        }
        assertEquals(ModelFile.parametersSha256(a.network()), ModelFile.parametersSha256(b.network()));
        assertArrayEquals(a.scaler().offset(), b.scaler().offset(), 0.0);
    }

    /** In both precisions: a float32 run checkpoints its float32 values and optimizer state exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"float64", "float32"})
    void killedWithSigkillAndResumedGivesTheSameModelBitForBit(String precision) throws Exception {
        this.precision = precision;
        Process full = start(command("full.json", "full.ckpt"), dir.resolve("full.log"));
        assertTrue(full.waitFor(300, TimeUnit.SECONDS), "uninterrupted run did not finish");
        assertEquals(0, full.exitValue(), Files.readString(dir.resolve("full.log")));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path ckpt = dir.resolve("part.ckpt");
        Process part = start(command("part.json", "part.ckpt"), dir.resolve("part.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ckpt) && part.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(1500)); // a random moment after the first checkpoint
        boolean killed = part.isAlive();
        part.destroyForcibly();  // SIGKILL on Linux
        part.waitFor(30, TimeUnit.SECONDS);
        String note = "kill after a random delay (seed " + seed + "), process " + (killed ? "killed" : "had finished");
        if (killed) {
            assertTrue(Files.exists(ckpt), note + ": a checkpoint exists");
            assertTrue(!Files.exists(dir.resolve("part.json")), note + ": no model was written before the kill");
            try (var files = Files.list(dir)) {
                // a half-written checkpoint would be a temporary file; the real one must parse
                dev.autoencoder.train.Checkpoint.read(ckpt);
            }
        }
        List<String> resume = command("part.json", "part.ckpt");
        if (Files.exists(ckpt)) {
            resume.addAll(List.of("--resume", ckpt.toString()));
        }
        Process rest = start(resume, dir.resolve("resume.log"));
        assertTrue(rest.waitFor(300, TimeUnit.SECONDS), note + ": resumed run did not finish");
        assertEquals(0, rest.exitValue(), note + ": " + Files.readString(dir.resolve("resume.log")));
        assertSameModel(dir.resolve("full.json"), dir.resolve("part.json"));
    }

    /** SIGTERM and SIGHUP (timeout, Docker, Kubernetes, SLURM, a closed terminal) count as Ctrl-C. */
    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
    void aStopSignalWritesACheckpointAndExitsWith128PlusItThenResumesToTheSameModel(String signal, int code)
            throws Exception {
        List<String> fullCmd = sigintCommand("full.json", "full.ckpt");
        long began = System.nanoTime();
        Process full = start(fullCmd, dir.resolve("full.log"));
        assertTrue(full.waitFor(300, TimeUnit.SECONDS));
        long fullMillis = (System.nanoTime() - began) / 1_000_000;
        Path ckpt = dir.resolve("int.ckpt");
        Process p = start(sigintCommand("int.json", "int.ckpt"), dir.resolve("int.log"));
        // Ctrl-C halfway through the time the same run took uninterrupted: JVM start and data loading take
        // well under half of it, and so does writing the model (a fixed 2.5 s was longer than the whole run
        // on a fast machine)
        Thread.sleep(fullMillis / 2);
        assertTrue(p.isAlive(), "the run ended before it could be interrupted: " + Files.readString(dir.resolve("int.log")));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("int.log"), StandardCharsets.UTF_8);
        assertEquals(code, p.exitValue(), log);
        assertTrue(log.contains("interrupted after epoch") && log.contains("--resume"), log);
        assertTrue(Files.exists(ckpt) && !Files.exists(dir.resolve("int.json")));
        List<String> resume = sigintCommand("int.json", "int.ckpt");
        resume.addAll(List.of("--resume", ckpt.toString()));
        Process rest = start(resume, dir.resolve("int-resume.log"));
        assertTrue(rest.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, rest.exitValue(), Files.readString(dir.resolve("int-resume.log")));
        assertSameModel(dir.resolve("full.json"), dir.resolve("int.json"));
        assertTrue(new File(dir.toFile(), "int.json").length() > 0);
    }
    /** A stop signal while encode writes leaves the old output as it was and no temporary file behind. */
    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
    void aStopSignalDuringEncodeLeavesNoTemporaryFile(String signal, int code) throws Exception {
        Path model = dir.resolve("enc.json");
        assertEquals(0, CliRunner.run("train", "--data", data.toString(), "--hidden", "8", "--epochs", "1",
                "--model-out", model.toString(), "--quiet").exitCode());
        String rows = Files.readString(data);
        String body = rows.substring(rows.indexOf('\n') + 1);
        Path big = dir.resolve("big.csv");
        try (var w = Files.newBufferedWriter(big)) {
            w.write(rows.substring(0, rows.indexOf('\n') + 1));
            for (int i = 0; i < 150; i++) { // 450,000 rows: encoding takes seconds
                w.write(body);
            }
        }
        Path outDir = Files.createDirectories(dir.resolve("codes"));
        Path codes = Files.writeString(outDir.resolve("codes.csv"), "old codes\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "autoencoder.jar").toAbsolutePath();
        Process p = start(List.of(java, "-jar", jar.toString(), "encode", "--model", model.toString(), "--data",
                big.toString(), "--out", codes.toString()), dir.resolve("encode.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && temporaryFiles(outDir) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive() && temporaryFiles(outDir) == 1, "encode was writing when signalled: "
                + Files.readString(dir.resolve("encode.log")));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(code, p.exitValue(), Files.readString(dir.resolve("encode.log")));
        assertEquals(0, temporaryFiles(outDir), "no temporary file is left");
        assertEquals("old codes\n", Files.readString(codes), "the old output is as it was");
    }

    private static long temporaryFiles(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
