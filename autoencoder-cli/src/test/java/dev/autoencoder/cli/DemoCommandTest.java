package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesASummaryWithExactlyTheDocumentedFields() throws Exception {
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("demo", "--out", out.toString(), "--epochs", "50");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        List<String> fields = List.of("config", "train", "test", "initialParameters", "parameters", "lossHistory",
                "latent", "reconstructionTrain", "reconstructionTest", "testMse", "latentVsSlope", "trainSeconds");
        List<String> found = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(found::add);
        assertEquals(fields, found);
        assertEquals(50, s.get("lossHistory").size());
        assertEquals(12, s.get("latent").size());
        assertEquals(24, s.get("parameters").size());
        assertEquals(12, s.get("train").get("x").size());
        assertEquals(3, s.get("reconstructionTest").get(0).size());
        assertEquals(50, s.get("config").get("epochs").asInt());
        assertTrue(r.out().contains("test MSE"));
        assertEquals("", r.err());
        for (String f : List.of("network", "network-trained", "data-train", "data-test", "loss", "latent-vs-slope",
                "reconstructions-train", "reconstructions-test")) {
            assertTrue(Files.size(out.resolve(f + ".png")) > 10_000, f + ".png");
            assertTrue(Files.size(out.resolve(f + ".svg")) > 2_000, f + ".svg");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(8, html.split("<img src=\"data:image/(png|svg\\+xml);base64,", -1).length - 1, "every figure inline");
    }

    @Test
    void quietPrintsNothing() {
        CliRunner r = CliRunner.run("demo", "--quiet", "--no-figures", "--out", dir.resolve("q").toString(),
                "--epochs", "10");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.exists(dir.resolve("q/summary.json")));
        assertFalse(Files.exists(dir.resolve("q/report.html")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--epochs|-5|epochs must be at least 1, found -5",
        "--activation|sigmoidal|unknown activation 'sigmoidal'",
        "--layers|3,0,3|at least 1 node, found 0 at position 2",
        "--layers|3,x,3|found 'x'",
        "--layers|4,2,4|first and last widths must be 3",
        "--learning-rate|-0.1|learning rate must be a positive number",
        "--loss|mae|unknown loss 'mae'",
        "--bogus|1|Unknown option"})
    void badArgumentsGiveOneLineAndExitCode2(String option, String value, String expected) {
        Path out = dir.resolve("never");
        CliRunner r = CliRunner.run("demo", "--out", out.toString(), option, value);
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out), "no output may be written on a usage error");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRunner r = CliRunner.run("demo", "--verbose", "--out", dir.resolve("x").toString(), "--epochs", "-1");
        assertEquals(2, r.exitCode());
        assertTrue(r.errLines().length > 1, r.err());
    }

    @Test
    void anOutputPathThatIsAFileIsAnIoError() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "keep me");
        CliRunner r = CliRunner.run("demo", "--out", file.toString(), "--epochs", "5");
        assertEquals(74, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("keep me", Files.readString(file));
    }
}
