package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a user runs it: the URL on stdout, the page, and a clean stop on a signal. */
class ServeIT {
    @TempDir
    Path dir;

    private Process serve(String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "autoencoder.jar").toAbsolutePath();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(),
                "serve", "--port", "0"));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void itServesThePageAndStopsCleanlyOnASignal(String signal, int exit) throws Exception {
        Process p = serve();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("dashboard: http://127.0.0.1:"), String.valueOf(line));
        URI uri = URI.create(line.split("\\s+")[1]);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Autoencoder dashboard</title>"));
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(uri.resolve("/api/datasets?name=t.csv"))
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n2,4\n3,6.5\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, up.statusCode(), up.body());
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(1, files.count(), "the upload is kept in one private folder");
        }
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(exit, p.exitValue());
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count(), "uploads are removed on the way out");
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(err.lines().noneMatch(l -> l.contains("Exception")), err);
    }

    @Test
    void aBadDataFileStopsItWithOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
        Process p = serve("--data", bad.toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(65, p.exitValue());
        String err = Files.readString(dir.resolve("stderr.txt")).strip();
        assertEquals(1, err.lines().filter(l -> !l.startsWith("WARNING: Using incubator")).count(), err);
        assertTrue(err.contains("bad.csv"), err);
    }
}
