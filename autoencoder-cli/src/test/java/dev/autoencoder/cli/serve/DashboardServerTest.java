package dev.autoencoder.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.Json;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.StepObserver;
import dev.autoencoder.train.TrainSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's API without a browser: its numbers against the engine's, and bad requests. */
class DashboardServerTest {
    @TempDir
    Path dir;
    Dashboard dashboard;
    final HttpClient http = HttpClient.newHttpClient();
    Path csv;

    @BeforeEach
    void start() throws IOException {
        csv = Fixtures.table(dir.resolve("wells.csv"));
        dashboard = new Dashboard("127.0.0.1", 0, List.of(csv), new Dashboard.Limits(1, 64 * 1024));
    }

    @AfterEach
    void stop() throws IOException {
        dashboard.close();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads a run's event stream to its end and returns the last event. */
    JsonNode finish(String job) throws Exception {
        String[] events = get("/api/jobs/" + job + "/events").body().split("\n\n");
        String last = events[events.length - 1].trim();
        assertTrue(last.startsWith("data: "), last);
        return Json.MAPPER.readTree(last.substring(6));
    }

    static String job(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("job").asText();
    }

    @Test
    void theChapterRunHasTheChaptersNumbersBitForBit() throws Exception {
        JsonNode done = finish(job(post("/api/chapter", "{}")));
        assertEquals("done", done.get("type").asText());
        // the chapter's own printout (SEED-SPEC): final loss 0.0083545, test MSE 0.0170477, r -0.9709
        assertEquals(0.0083545, done.get("loss").asDouble(), 5e-8);
        assertEquals(0.0170477, done.get("testMse").asDouble(), 5e-8);
        assertEquals(-0.9709, done.get("r").asDouble(), 5e-5);
        DemoResult cli = ChapterDemo.run(DemoConfig.CHAPTER); // what ./autoencoder demo runs
        double[] h = cli.lossHistory();
        assertEquals(h[h.length - 1], done.get("loss").asDouble(), 0.0);
        assertEquals(cli.testMse(), done.get("testMse").asDouble(), 0.0);
        JsonNode snaps = done.get("snapshots");
        assertEquals(h.length - 1, snaps.get(snaps.size() - 1).get("epoch").asInt());
        assertEquals(cli.parameters().get("w14"), snaps.get(snaps.size() - 1).get("parameters").get("w14").asDouble(),
                Math.abs(cli.parameters().get("w14")) * 0.05, "the last snapshot is one step before the end");
    }

    @Test
    void changedSettingsTrainTheSameAsTheDemoWithThoseSettings() throws Exception {
        JsonNode done = finish(job(post("/api/chapter", "{\"learningRate\":0.3,\"epochs\":2000,\"seed\":5}")));
        DemoResult cli = ChapterDemo.run(DemoConfig.CHAPTER.withLearningRate(0.3).withEpochs(2000).withSeed(5));
        assertEquals(cli.lossHistory()[1999], done.get("loss").asDouble(), 0.0);
        assertEquals(cli.latentVsSlope().r(), done.get("r").asDouble(), 0.0);
    }

    @Test
    void theChainRuleOfAFinishedRunEndsAtTheGradient() throws Exception {
        String job = job(post("/api/chapter", "{\"epochs\":500}"));
        finish(job);
        JsonNode e = Json.MAPPER.readTree(get("/api/jobs/" + job + "/explain?parameter=w14").body());
        List<String> names = new java.util.ArrayList<>();
        e.get("trained").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(List.of("b9", "w79", "R7", "b7", "w67", "M6", "b6", "w46", "L4", "b4", "w14"), names);
        HttpResponse<String> bad = get("/api/jobs/" + job + "/explain?parameter=w99");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("unknown parameter 'w99'"), bad.body());
    }

    @Test
    void aDataRunTrainsTheModelTheTrainCommandWould() throws Exception {
        JsonNode done = finish(job(post("/api/data", "{\"dataset\":\"d1\",\"idColumn\":\"well\",\"labelColumn\":\"label\","
                + "\"epochs\":12,\"hidden\":\"3,2,3\",\"validation\":0.2}")));
        assertEquals("done", done.get("type").asText(), done.toString());
        Table t = CsvReader.read(csv, CsvOptions.DEFAULTS.withColumns(List.of("a", "b", "c", "d")).withIdColumn("well")
                .withLabelColumn("label"));
        TrainSpec spec = TrainSpec.DEFAULTS.withHidden(3, 2, 3).withOptimizer(OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3))
                .withTraining(TrainSpec.DEFAULTS.training().withEpochs(12).withMinSteps(0)) // the page's epochs, exactly
                .withValidationSplit(0.2).withMembers(1);
        Autoencoder m = new AutoencoderTrainer(spec).fit(t.values(), null, null, t.columns(), Map.of(), StepObserver.NONE).model();
        double[] scores = m.score(t.values());
        JsonNode top = done.get("scores").get(0);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        assertEquals(scores[best], top.get(1).asDouble(), 0.0);
        assertEquals(t.ids().get(best), top.get(0).asText());
        assertEquals(scores.length, done.get("scores").size());
        assertEquals(m.trainingErrors().get("p99"), done.get("threshold").asDouble(), 0.0);
        assertEquals(List.of("a", "b", "c", "d"), Json.MAPPER.convertValue(done.get("columns"), List.class));
    }

    @Test
    void downloadsHoldTheModelAndEveryRowsScore() throws Exception {
        String job = job(post("/api/data", "{\"dataset\":\"d1\",\"idColumn\":\"well\",\"labelColumn\":\"label\",\"epochs\":5}"));
        finish(job);
        HttpResponse<String> scores = get("/api/jobs/" + job + "/scores.csv?threshold=0.5");
        assertEquals(200, scores.statusCode());
        List<String> lines = scores.body().lines().toList();
        assertEquals("well,score,flag", lines.get(0));
        assertEquals(Fixtures.ROWS + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(Double.parseDouble(f[1]) > 0.5 ? "1" : "0", f[2], line);
        }
        HttpResponse<String> model = get("/api/jobs/" + job + "/model");
        Autoencoder m = dev.autoencoder.model.ModelFile.fromJson(Json.MAPPER.readTree(model.body()), "download");
        assertEquals(List.of("a", "b", "c", "d"), m.columns());
    }

    @Test
    void badRequestsGetAFourHundredWithAReasonAndBreakNothing() throws Exception {
        HttpResponse<String> r = post("/api/chapter", "{\"epochs\": ");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("does not parse"), r.body());
        r = post("/api/chapter", "[1,2]");
        assertEquals(400, r.statusCode());
        r = post("/api/chapter", "{\"epochs\": -3}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("epochs must be a whole number from 1 to 100000, found -3"), r.body());
        r = post("/api/chapter", "{\"layers\": [4,1,4]}");
        assertEquals(400, r.statusCode());
        r = post("/api/data", "{\"dataset\":\"d1\",\"columns\":[\"a\",\"nope\"]}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("there is no column 'nope' in wells.csv"), r.body());
        r = post("/api/data", "{\"dataset\":\"d9\"}");
        assertEquals(400, r.statusCode());
        r = post("/api/datasets?name=big.csv", "a,b\n" + "1,2\n".repeat(20_000));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("at most 65536 bytes"), r.body());
        r = post("/api/datasets?name=bad.csv", "a,b\n1,2,3,4\n");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(404, get("/api/jobs/j999/events").statusCode());
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(405, get("/api/chapter").statusCode());
        // the server still trains, and the refused upload left no table behind
        assertEquals("done", finish(job(post("/api/chapter", "{\"epochs\":50}"))).get("type").asText());
        JsonNode tables = Json.MAPPER.readTree(get("/api/datasets").body());
        assertEquals(1, tables.get("datasets").size());
        assertEquals(64 * 1024, tables.get("maxUploadBytes").asInt());
    }

    @Test
    void anUploadedTableCanBeTrainedOn() throws Exception {
        HttpResponse<String> r = post("/api/datasets?name=small.csv", "x,y,z\n1,2,3\n2,4,6.5\n3,6,9\n4,8,12.5\n5,10,15\n");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode d = Json.MAPPER.readTree(r.body());
        assertEquals(List.of("x", "y", "z"), Json.MAPPER.convertValue(d.get("numeric"), List.class));
        JsonNode done = finish(job(post("/api/data", "{\"dataset\":\"" + d.get("id").asText() + "\",\"epochs\":3,\"validation\":0,\"hidden\":null,\"idColumn\":null}")));
        assertEquals(5, done.get("rows").asInt());
    }

    @Test
    void aBusyServerSaysSoAndAStoppedRunEndsEarly() throws Exception {
        String first = job(post("/api/chapter", "{\"epochs\":100000}"));
        HttpResponse<String> second = post("/api/chapter", "{}");
        assertEquals(503, second.statusCode());
        assertTrue(second.body().contains("busy: 1 trainings are running"), second.body());
        assertEquals(200, post("/api/jobs/" + first + "/stop", "").statusCode());
        JsonNode done = finish(first);
        assertTrue(done.get("stopped").asBoolean());
        assertTrue(done.get("epochsRun").asInt() < 100_000);
        assertEquals("done", finish(job(post("/api/chapter", "{\"epochs\":10}"))).get("type").asText());
    }

    @Test
    void twoTabsTrainAtOnceUpToTheLimitAndTheThirdIsToldToWait() throws Exception {
        dashboard.close();
        dashboard = new Dashboard("127.0.0.1", 0, List.of(csv), new Dashboard.Limits(2, 64 * 1024));
        String a = job(post("/api/chapter", "{\"epochs\":100000}"));
        String b = job(post("/api/data", "{\"dataset\":\"d1\",\"epochs\":10000,\"idColumn\":\"well\"}"));
        HttpResponse<String> third = post("/api/chapter", "{}");
        assertEquals(503, third.statusCode());
        assertTrue(third.body().contains("busy: 2 trainings are running"), third.body());
        // both are training at the same time: each has streamed progress before either is stopped
        assertTrue(firstEvent(a).contains("\"type\":\"progress\""));
        assertTrue(firstEvent(b).contains("\"type\":\"start\""));
        post("/api/jobs/" + a + "/stop", "");
        post("/api/jobs/" + b + "/stop", "");
        assertTrue(finish(a).get("stopped").asBoolean());
        assertTrue(finish(b).get("stopped").asBoolean());
        assertEquals(200, post("/api/chapter", "{\"epochs\":10}").statusCode(), "a slot is free again");
    }

    /** The first event of a run that is still going (read from its stream, which is then closed). */
    String firstEvent(String job) throws Exception {
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(dashboard.uri().resolve("/api/jobs/" + job
                + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    return line;
                }
            }
        }
        return "";
    }
}
