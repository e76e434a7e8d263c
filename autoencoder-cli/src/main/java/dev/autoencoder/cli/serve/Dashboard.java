package dev.autoencoder.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web server behind {@code autoencoder serve}: one page (from the jar, with uPlot from its WebJar, so it
 * loads nothing from the network) and a small JSON API over the same engine as the command line. Training
 * runs on at most {@code maxJobs} threads; a request beyond that is told the server is busy (503). Built on
 * the JDK's own HTTP server: the API is a dozen routes, progress is server-sent events, and nothing else
 * needs a framework.
 *
 * <pre>
 * POST /api/chapter            chapter settings (JSON)            -> {"job": id}
 * POST /api/data               table, columns and training (JSON) -> {"job": id}
 * GET  /api/jobs/ID/events     server-sent events: progress ..., then done (or failed)
 * POST /api/jobs/ID/stop       stop at the next epoch boundary
 * GET  /api/jobs/ID/explain?parameter=w14   the chain rule of a chapter run
 * GET  /api/jobs/ID/model      the model file of a data run
 * GET  /api/jobs/ID/scores.csv?threshold=T  its rows' scores and flags
 * GET  /api/datasets           the tables; POST /api/datasets?name=F.csv with a CSV body uploads one
 * </pre>
 */
public final class Dashboard implements AutoCloseable {
    /** The uPlot WebJar's version (autoencoder-cli/pom.xml). */
    static final String UPLOT = "1.6.30";
    /** The largest JSON request body. */
    private static final int MAX_SETTINGS_BYTES = 1 << 20;
    /** How much of a refused upload is read and dropped so that the client hears why. */
    private static final long DRAIN_BYTES = 16L << 20;
    /** Finished runs kept for downloads and replays; the oldest go first. */
    private static final int KEPT_JOBS = 32;

    /** @param maxJobs trainings at once; @param maxUploadBytes the largest upload */
    public record Limits(int maxJobs, long maxUploadBytes) {}

    private final HttpServer server;
    private final ThreadPoolExecutor training;
    private final ExecutorService requests;
    private final Datasets datasets;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicInteger nextJob = new AtomicInteger(1);
    private final Limits limits;

    /** Starts serving on host:port (port 0: any free one); {@code data} are the tables offered in data mode. */
    public Dashboard(String host, int port, List<Path> data, Limits limits) throws IOException {
        this.limits = limits;
        this.datasets = new Datasets(data);
        this.training = new ThreadPoolExecutor(limits.maxJobs(), limits.maxJobs(), 0, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("autoencoder-train-"));
        this.requests = Executors.newCachedThreadPool(daemon("autoencoder-http-"));
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            close();
            throw e;
        }
        server.createContext("/", this::handle);
        server.setExecutor(requests);
        server.start();
    }

    /** The page's address. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        synchronized (jobs) {
            jobs.values().forEach(Job::requestStop);
        }
        training.shutdownNow();
        requests.shutdownNow();
        try {
            training.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        datasets.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            try {
                route(ex, method, path);
            } catch (Requests.BadRequest e) {
                error(ex, 400, e.getMessage());
            } catch (Status e) {
                error(ex, e.code, e.getMessage());
            } catch (RuntimeException e) {
                error(ex, 500, "the server could not answer (" + e + "); the request changed nothing");
            }
        } catch (IOException e) {
            // the browser went away: nothing to answer
        }
    }

    /** An answer other than 200 with a message. */
    private static final class Status extends RuntimeException {
        final int code;

        Status(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            resource(ex, method, "dashboard/index.html", "text/html; charset=utf-8");
        } else if (path.equals("/app.js")) {
            resource(ex, method, "dashboard/app.js", "text/javascript; charset=utf-8");
        } else if (path.equals("/app.css")) {
            resource(ex, method, "dashboard/app.css", "text/css; charset=utf-8");
        } else if (path.equals("/vendor/uPlot.iife.min.js")) {
            resource(ex, method, "META-INF/resources/webjars/uplot/" + UPLOT + "/dist/uPlot.iife.min.js",
                    "text/javascript; charset=utf-8");
        } else if (path.equals("/vendor/uPlot.min.css")) {
            resource(ex, method, "META-INF/resources/webjars/uplot/" + UPLOT + "/dist/uPlot.min.css", "text/css; charset=utf-8");
        } else if (path.equals("/api/datasets")) {
            if (method.equals("GET")) {
                send(ex, 200, "application/json", Requests.json(Map.of("maxUploadBytes", limits.maxUploadBytes(),
                        "datasets", datasets.list())));
            } else {
                expect(method, "POST");
                byte[] body = body(ex, limits.maxUploadBytes(), "an upload");
                String name = query(ex).getOrDefault("name", "upload.csv");
                send(ex, 200, "application/json", Requests.json(datasets.upload(name, body).describe()));
            }
        } else if (path.equals("/api/chapter")) {
            expect(method, "POST");
            ChapterRun run = ChapterRun.parse(Requests.parse(body(ex, MAX_SETTINGS_BYTES, "settings")));
            start(ex, "chapter", run::run);
        } else if (path.equals("/api/data")) {
            expect(method, "POST");
            DataRun run = DataRun.parse(Requests.parse(body(ex, MAX_SETTINGS_BYTES, "settings")), datasets);
            start(ex, "data", run::run);
        } else if (path.startsWith("/api/jobs/")) {
            String[] parts = path.substring("/api/jobs/".length()).split("/");
            Job job;
            synchronized (jobs) {
                job = jobs.get(parts[0]);
            }
            if (job == null || parts.length != 2) {
                throw new Status(404, "there is no run '" + parts[0] + "' (the server keeps the last " + KEPT_JOBS
                        + "); train again");
            }
            jobRoute(ex, method, job, parts[1]);
        } else {
            throw new Status(404, "nothing is at " + path + "; the dashboard is at /");
        }
    }

    private void jobRoute(HttpExchange ex, String method, Job job, String what) throws IOException {
        switch (what) {
            case "events" -> events(ex, job);
            case "stop" -> {
                expect(method, "POST");
                job.requestStop();
                send(ex, 200, "application/json", "{\"stopping\":true}");
            }
            case "explain" -> {
                if (!(job.outcome instanceof DemoResult r)) {
                    throw new Status(409, "the chain rule is for a finished chapter run; this run is "
                            + (job.finished() ? "a data run" : "still training"));
                }
                send(ex, 200, "application/json", Requests.json(ChapterRun.explain(r, query(ex).get("parameter"))));
            }
            case "model" -> {
                DataRun.Finished f = finishedData(job);
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"model.json\"");
                send(ex, 200, "application/json", ModelFile.toJson(f.model()));
            }
            case "scores.csv" -> {
                DataRun.Finished f = finishedData(job);
                String t = query(ex).get("threshold");
                double threshold;
                try {
                    threshold = t == null ? f.model().trainingErrors().getOrDefault("p99", Double.POSITIVE_INFINITY)
                            : Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new Requests.BadRequest("threshold must be a number, found '" + t + "'");
                }
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"scores.csv\"");
                send(ex, 200, "text/csv; charset=utf-8", scoresCsv(f, threshold));
            }
            default -> throw new Status(404, "a run has events, stop, explain, model and scores.csv; not '" + what + "'");
        }
    }

    private static DataRun.Finished finishedData(Job job) {
        if (!(job.outcome instanceof DataRun.Finished f)) {
            throw new Status(409, "downloads are for a finished data run; this run is "
                    + (job.finished() ? "a chapter run" : "still training"));
        }
        return f;
    }

    private static String scoresCsv(DataRun.Finished f, double threshold) {
        var table = f.run().table;
        double[] scores = f.scores();
        StringBuilder sb = new StringBuilder();
        sb.append(table.idName() == null ? "row" : csvCell(table.idName())).append(",score,flag\n");
        for (int i = 0; i < scores.length; i++) {
            sb.append(table.ids() == null ? String.valueOf(i + 1) : csvCell(table.ids().get(i))).append(',')
                    .append(scores[i]).append(',').append(scores[i] > threshold ? 1 : 0).append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private void start(HttpExchange ex, String kind, java.util.function.Consumer<Job> body) throws IOException {
        Job job = new Job("j" + nextJob.getAndIncrement(), kind);
        try {
            training.execute(() -> {
                try {
                    body.accept(job);
                } catch (RuntimeException e) {
                    job.finish(Requests.json(Map.of("type", "failed", "error", String.valueOf(e.getMessage()))));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new Status(503, "busy: " + limits.maxJobs() + " trainings are running (the most this server runs at "
                    + "once, --max-jobs); stop one or try again when one finishes");
        }
        synchronized (jobs) {
            jobs.put(job.id, job);
            List<String> old = new ArrayList<>();
            for (var e : jobs.entrySet()) {
                if (jobs.size() - old.size() > KEPT_JOBS && e.getValue().finished()) {
                    old.add(e.getKey());
                }
            }
            old.forEach(jobs::remove);
        }
        send(ex, 200, "application/json", "{\"job\":\"" + job.id + "\"}");
    }

    private static void events(HttpExchange ex, Job job) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int next = 0;
        try {
            while (true) {
                List<String> batch = job.after(next, 15_000);
                if (batch == null) {
                    break;
                }
                StringBuilder sb = new StringBuilder();
                if (batch.isEmpty()) {
                    sb.append(": still training\n\n");
                }
                for (String e : batch) {
                    sb.append("data: ").append(e).append("\n\n");
                }
                next += batch.size();
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void resource(HttpExchange ex, String method, String name, String type) throws IOException {
        expect(method, "GET");
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new Status(500, "the jar lacks " + name + "; rebuild it with mvn install");
            }
            byte[] bytes = in.readAllBytes();
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private static void expect(String method, String wanted) {
        if (!method.equals(wanted)) {
            throw new Status(405, "use " + wanted + " here, not " + method);
        }
    }

    /** The request body, refused (413) past {@code max} bytes without reading the rest. */
    private static byte[] body(HttpExchange ex, long max, String what) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && Long.parseLong(declared.trim()) > max) {
            // read what a client may reasonably have sent already, so that it sees the answer, not a reset
            ex.getRequestBody().skipNBytes(Math.min(Long.parseLong(declared.trim()), max + DRAIN_BYTES));
            ex.getResponseHeaders().set("Connection", "close");
            throw new Status(413, what + " may have at most " + max + " bytes, this one has " + declared
                    + "; send a smaller file or start the server with a larger --max-upload-mb");
        }
        InputStream in = ex.getRequestBody();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) > 0; ) {
            buf.write(chunk, 0, n);
            if (buf.size() > max) {
                ex.getResponseHeaders().set("Connection", "close");
                throw new Status(413, what + " may have at most " + max + " bytes; send a smaller file or start the "
                        + "server with a larger --max-upload-mb");
            }
        }
        return buf.toByteArray();
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void error(HttpExchange ex, int code, String message) throws IOException {
        send(ex, code, "application/json", Requests.json(Map.of("error", message)));
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type.contains("charset") || !type.startsWith("text")
                ? type : type + "; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** The table's columns as lists of values (for colouring the latent plot by a column). */
    static Map<String, double[]> columnsOf(Matrix m, List<String> names) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < m.cols; c++) {
            out.put(names.get(c), m.column(c));
        }
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger(1);
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
