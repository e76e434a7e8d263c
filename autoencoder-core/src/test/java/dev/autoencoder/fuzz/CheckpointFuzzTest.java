package dev.autoencoder.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.Checkpoint;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint loader on hostile input: mutations of a real checkpoint (with and without its checksum)
 * either load or are refused with a {@link DataException}; nothing else may escape.
 */
class CheckpointFuzzTest {
    private static final Path FILE;
    private static final String SEED;

    static {
        try {
            FILE = Files.createTempFile("fuzz", ".ckpt");
            FILE.toFile().deleteOnExit();
            Matrix x = new Matrix(12, 3);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = Math.sin(i);
            }
            TrainSpec spec = new TrainSpec(new int[] {2}, Activation.TANH, Activation.LINEAR, Activation.LINEAR,
                    Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.01),
                    TrainingConfig.DEFAULTS.withEpochs(2).withBatchSize(4).withSeed(3), 0.0, Scaler.Type.STANDARD);
            new AutoencoderTrainer(spec).fit(x, null, null, List.of("a", "b", "c"), Map.of(), null, null,
                    (state, model) -> {
                        try {
                            new Checkpoint(model, state, Map.of("seed", 3)).write(FILE);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return false;
                    });
            SEED = Files.readString(FILE);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void loadsOrRefusesCleanly(FuzzedDataProvider data) throws IOException {
        String seed = data.consumeBoolean() ? SEED : SEED.replaceFirst(",\\s*\"stateSha256\" : \"[0-9a-f]+\"", "");
        String text;
        if (data.consumeBoolean()) {
            int at = data.consumeInt(0, seed.length());
            int cut = data.consumeInt(0, Math.min(64, seed.length() - at));
            text = seed.substring(0, at) + data.consumeString(64) + seed.substring(at + cut);
        } else {
            text = data.consumeRemainingAsString();
        }
        Files.writeString(FILE, text, StandardCharsets.UTF_8);
        try {
            Checkpoint.read(FILE);
        } catch (DataException expected) {
            // a clear refusal is fine
        }
    }
}
