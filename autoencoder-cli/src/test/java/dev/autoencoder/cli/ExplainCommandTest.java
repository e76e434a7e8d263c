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
