package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The reports as {@code demo --out}, {@code train --out} and {@code score --report} write them, opened in Chromium: at 400 px nothing
 * scrolls sideways, every figure loads, and the page asks for nothing beyond its own folder.
 */
class ReportBrowserIT {
    @TempDir
    static Path dir;
    static ChromeDriver browser;

    @BeforeAll
    static void reports() throws Exception {
        browser = Chromium.start();
        StringBuilder csv = new StringBuilder("id,a,b,c,d,e\n");
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            double s = r.nextGaussian(), t = r.nextGaussian();
            csv.append("r").append(i).append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f,%.4f%n", s, 2 * s + t,
                    -s + 0.1 * r.nextGaussian(), t, r.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("table.csv"), csv.toString());
        run("demo", "--out", dir.resolve("demo").toString(), "--quiet");
        run("train", "--data", data.toString(), "--id-column", "id", "--epochs", "20", "--out", dir.resolve("train").toString(),
                "--model-out", dir.resolve("model.json").toString());
        run("score", "--model", dir.resolve("model.json").toString(), "--data", data.toString(), "--id-column", "id",
                "--out", dir.resolve("scores.csv").toString(), "--report", dir.resolve("score").toString());
    }

    static void run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", Path.of("target", "autoencoder.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "train", "score"})
    void aReportReadsOnAPhoneAndLoadsEveryFigureFromItsFolder(String which) {
        Path page = dir.resolve(which).resolve("report.html");
        assertTrue(Files.exists(page));
        Chromium.phone(browser, 400);
        try {
            browser.get(page.toUri().toString());
            long inner = (Long) js("return window.innerWidth");
            long width = (Long) js("return document.documentElement.scrollWidth");
            assertTrue(inner < 1280, "the phone's width is in effect");
            // content wider than the phone either scrolls sideways or widens a mobile page's viewport
            assertTrue(inner <= 400 && width <= 400, which + "'s report is " + Math.max(inner, width)
                    + " px wide on a 400 px phone: something is wider than the screen");
            long images = (Long) js("return document.images.length");
            assertTrue(images >= 4, which + ": " + images + " figures");
            Object broken = js("return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)");
            assertEquals(List.of(), broken, "figures that did not load");
            @SuppressWarnings("unchecked")
            List<String> requests = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
            for (String u : requests) {
                assertTrue(u.startsWith("file:") || u.startsWith("data:"), "a request left the folder: " + u);
            }
            Object external = js("return [...document.querySelectorAll('[src],[href]')].map(e => e.getAttribute('src') || "
                    + "e.getAttribute('href')).filter(u => /^(https?:)?\\/\\//.test(u) && !u.startsWith('https://doi.org'))");
            assertEquals(List.of(), external, "references that would leave the machine");
        } finally {
            Chromium.desktop(browser);
        }
    }
}
