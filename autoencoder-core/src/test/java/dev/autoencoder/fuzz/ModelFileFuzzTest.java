package dev.autoencoder.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.autoencoder.data.DataException;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model loader on hostile input: mutations of a real model file either load as a consistent
 * model or are refused with a {@link DataException}; nothing else may escape, and nothing huge may
 * be allocated (sizes are checked before allocation).
 */
class ModelFileFuzzTest {
    private static final Path FILE;
    private static final String SEED;

    static {
        try {
            FILE = Files.createTempFile("fuzz", ".json");
            FILE.toFile().deleteOnExit();
            SEED = new String(ModelFileFuzzTest.class.getResourceAsStream("/models/chapter-v1.json").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void loadsOrRefusesCleanly(FuzzedDataProvider data) throws IOException {
        String text;
        if (data.consumeBoolean()) {
            // splice fuzzer text into the real file at a chosen place: keeps most of the structure
            int at = data.consumeInt(0, SEED.length());
            int cut = data.consumeInt(0, Math.min(64, SEED.length() - at));
            text = SEED.substring(0, at) + data.consumeString(64) + SEED.substring(at + cut);
        } else {
            text = data.consumeRemainingAsString();
        }
        Files.writeString(FILE, text, StandardCharsets.UTF_8);
        try {
            Autoencoder m = ModelFile.read(FILE);
            if (m.columns().size() != m.inputWidth() || m.scaler().width() != m.inputWidth()) {
                throw new AssertionError("inconsistent model loaded");
            }
        } catch (DataException expected) {
            // a clear refusal is fine
        }
    }
}
