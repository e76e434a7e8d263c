package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    @Test
    void jsonHasTheDocumentedFieldsAndTheThreeValuesAgree() throws Exception {
        CliRunner r = CliRunner.run("explain", "--param", "w14", "--sample", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("w14", j.get("parameter").asText());
        assertEquals(3, j.get("factors").size());
        double product = 1;
        for (JsonNode f : j.get("factors")) {
            assertTrue(f.has("symbol") && f.has("value"));
            product *= f.get("value").asDouble();
        }
        double chain = j.get("chainRule").asDouble();
        assertEquals(chain, product, 0.0);
        assertEquals(j.get("backprop").asDouble(), chain, 1e-6 * Math.abs(chain));
        assertEquals(j.get("finiteDifference").asDouble(), chain, 1e-6 * Math.abs(chain));
        assertEquals("dL/dL4", j.get("factors").get(0).get("symbol").asText());
    }

    @Test
    void batchModeShowsEverySamplesProduct() throws Exception {
        CliRunner r = CliRunner.run("explain", "--param", "b9", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(12, j.get("samples").size());
        double mean = 0;
        for (JsonNode s : j.get("samples")) {
            mean += s.get("product").asDouble();
        }
        assertEquals(mean / 12, j.get("chainRule").asDouble(), 1e-15);
        CliRunner text = CliRunner.run("explain", "--param", "w79");
        assertTrue(text.out().contains("backpropagation") && text.out().contains("finite difference"), text.out());
    }

    /** --full walks b9, w79, R7, ... w14 and ends at the same per-sample gradient the factor product gives. */
    @Test
    void fullWalksTheChaptersStepsToTheSampleGradient() throws Exception {
        CliRunner walk = CliRunner.run("explain", "--param", "w14", "--full", "--sample", "2", "--json");
        assertEquals(0, walk.exitCode(), walk.err());
        JsonNode j = Json.MAPPER.readTree(walk.out());
        StringBuilder names = new StringBuilder();
        j.get("steps").forEach(s -> names.append(s.get("name").asText()).append(' '));
        assertEquals("b9 w79 R7 b7 w67 M6 b6 w46 L4 b4 w14 ", names.toString());
        assertEquals(11, j.get("values").size(), "every node's value going in");
        JsonNode product = Json.MAPPER.readTree(CliRunner.run("explain", "--param", "w14", "--sample", "2", "--json").out());
        double last = j.get("steps").get(10).get("value").asDouble();
        assertEquals(product.get("backprop").asDouble(), last, 1e-12 * Math.abs(last));
        CliRunner text = CliRunner.run("explain", "--param", "b6", "--full");
        assertTrue(text.out().contains("2/3 factor") && text.out().contains("values going in: I1 = "), text.out());
    }

    @Test
    void unknownParameterOrSampleIsAUsageError() {
        CliRunner r = CliRunner.run("explain", "--param", "w13");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("unknown parameter 'w13'") && r.err().contains("w811"), r.err());
        CliRunner s = CliRunner.run("explain", "--param", "w14", "--sample", "13");
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("1..12"), s.err());
    }
}
