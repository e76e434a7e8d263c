package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench}: what --json promises, and that W1 is the chapter's run (its last loss, SEED-SPEC section 8). */
class BenchCommandTest {
    private static final double CHAPTER_LAST_LOSS = 0.008354495195544891;

    @Test
    void jsonHasOneObjectPerRunWithTheIssuesFieldsAndW1EndsAtTheChaptersLoss() throws Exception {
        CliRunner r = CliRunner.run("bench", "--workload", "w1", "--json", "--repeat", "2", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), r.out());
        for (String line : lines) {
            JsonNode run = Json.MAPPER.readTree(line);
            List<String> fields = new java.util.ArrayList<>();
            run.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("workload", "precision", "threads", "trainSeconds", "secondsPerEpoch", "finalLoss",
                    "gflops"), fields);
            assertEquals("w1", run.get("workload").asText());
            assertEquals("float64", run.get("precision").asText());
            assertEquals(1, run.get("threads").asInt());
            assertEquals(CHAPTER_LAST_LOSS, run.get("finalLoss").asDouble(), 1e-12 * CHAPTER_LAST_LOSS);
            double seconds = run.get("trainSeconds").asDouble();
            assertTrue(seconds > 0, line);
            assertEquals(seconds / 10_000, run.get("secondsPerEpoch").asDouble(), 1e-12);
        }
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CliRunner r = CliRunner.run("bench", "--workload", "w3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("w1, w2 or all") && r.err().contains("w3"), r.err());
    }
}
