package dev.autoencoder.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.cli.Chromium;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser ({@link Chromium}).
 */
class DashboardBrowserTest {
    @TempDir
    static Path dir;
    static Dashboard dashboard;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        browser = Chromium.start();
        dashboard = new Dashboard("127.0.0.1", 0, List.of(Fixtures.table(dir.resolve("wells.csv"))),
                new Dashboard.Limits(2, 1 << 20));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(60));
        w.withMessage(() -> "status: " + text("data-status") + " / " + text("chapter-status") + " error: " + text("data-error") + " page: " + browser.findElement(By.tagName("body")).getText().lines()
                .filter(l -> l.contains("train") || l.contains("error") || l.contains("fail")).toList());
        return w;
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Keeps what the browser shows in target/ (for a person to look at; CI keeps it with the reports). */
    void screenshot(String name) throws IOException {
        byte[] png = browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Files.write(Path.of("target", "dashboard-" + name + ".png"), png);
    }

    void openChapter() {
        browser.get(dashboard.uri().toString());
        waiting().until(b -> text("chapter-status").startsWith("trained"));
    }

    @Test
    void theChapterPageShowsTheChaptersNumbersAndASliderRetrains() throws IOException {
        openChapter();
        // the chapter's printout (SEED-SPEC): 0.0083545, 0.0170477, -0.9709
        assertEquals("0.0083545", text("loss"));
        assertEquals("0.0170477", text("testMse"));
        assertEquals("-0.9709", text("r"));
        screenshot("chapter");

        js("const s = document.getElementById('seed'); s.value = 5; s.dispatchEvent(new Event('input'));");
        waiting().until(b -> !text("loss").equals("0.0083545") && text("chapter-status").startsWith("trained"));
        DemoResult cli = ChapterDemo.run(DemoConfig.CHAPTER.withSeed(5)); // ./autoencoder demo --seed 5
        double[] h = cli.lossHistory();
        assertEquals(String.format(Locale.ROOT, "%.7f", h[h.length - 1]), text("loss"));
        assertEquals(String.format(Locale.ROOT, "%.4f", cli.latentVsSlope().r()), text("r"));
    }

    @Test
    void theScrubberMovesThroughTheEpochsAndAnEdgeExplainsItself() {
        openChapter();
        String last = text("scrub-label");
        js("const s = document.getElementById('scrub'); s.value = 0; s.dispatchEvent(new Event('input'));");
        assertTrue(text("scrub-label").startsWith("epoch 1,"), text("scrub-label"));
        assertNotEquals(last, text("scrub-label"));
        WebElement edge = browser.findElement(By.cssSelector("#net line[data-param='w14']"));
        double early = Double.parseDouble(edge.getAttribute("stroke-width"));
        js("const s = document.getElementById('scrub'); s.value = s.max; s.dispatchEvent(new Event('input'));");
        edge = browser.findElement(By.cssSelector("#net line[data-param='w14']"));
        assertNotEquals(early, Double.parseDouble(edge.getAttribute("stroke-width")), "edge widths follow the epoch");
        js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge);
        waiting().until(b -> browser.findElements(By.cssSelector("#explain-table tbody tr")).size() == 11);
        assertEquals("b9", browser.findElement(By.cssSelector("#explain-table tbody tr td")).getText());
    }

    @Test
    void aTableTrainsInDataModeAndTheThresholdUpdatesTheTable() throws IOException {
        browser.get(dashboard.uri().toString());
        browser.findElement(By.id("tab-data")).click();
        waiting().until(b -> text("data-status").startsWith("ready"));
        assertEquals("well", browser.findElement(By.id("idColumn")).getAttribute("value"));
        assertEquals("label", browser.findElement(By.id("labelColumn")).getAttribute("value"));
        browser.findElement(By.id("train")).click();
        waiting().until(b -> text("data-status").startsWith("trained"));
        assertEquals(4, browser.findElements(By.cssSelector("#col-errors rect")).size(), "a bar per column");
        screenshot("data");
        String before = browser.findElement(By.id("threshold")).getAttribute("value");
        String summary = text("flag-summary");
        new org.openqa.selenium.interactions.Actions(browser)
                .dragAndDropBy(browser.findElement(By.id("threshold-grip")), -120, 0).perform();
        assertNotEquals(before, browser.findElement(By.id("threshold")).getAttribute("value"), "dragging moves the threshold");
        assertTrue(Double.parseDouble(browser.findElement(By.id("threshold")).getAttribute("value")) < Double.parseDouble(before));
        assertNotEquals(summary, text("flag-summary"), "and the count of flagged rows follows");
        js("const t = document.getElementById('threshold'); t.value = 0; t.dispatchEvent(new Event('input'));");
        assertEquals(Math.min(50, Fixtures.ROWS), browser.findElements(By.cssSelector("#flagged tbody tr")).size());
        assertTrue(text("flag-summary").startsWith(Fixtures.ROWS + " of " + Fixtures.ROWS + " rows"), text("flag-summary"));
        js("const t = document.getElementById('threshold'); t.value = 1e9; t.dispatchEvent(new Event('input'));");
        assertEquals(0, browser.findElements(By.cssSelector("#flagged tbody tr")).size());
        assertTrue(browser.findElement(By.id("dl-scores")).getAttribute("href").contains("threshold=1000000000"));
        assertTrue(browser.findElements(By.cssSelector("#d-latent circle")).size() == Fixtures.ROWS);
    }

    @Test
    void aFileThatIsNotATableGetsAMessageOnThePage() throws IOException {
        browser.get(dashboard.uri().toString());
        browser.findElement(By.id("tab-data")).click();
        waiting().until(b -> text("data-status").startsWith("ready"));
        Path bad = Files.writeString(dir.resolve("broken.csv"), "a,b\n1,2\n3\n");
        browser.findElement(By.id("upload")).sendKeys(bad.toString());
        waiting().until(b -> b.findElement(By.id("data-error")).isDisplayed());
        assertTrue(text("data-error").startsWith("broken.csv is not a table the dashboard can read: "), text("data-error"));
        assertTrue(text("data-error").contains("read: line 3: found 1 fields, expected 2"), text("data-error"));
        browser.findElement(By.id("train")).click(); // the table before still trains
        waiting().until(b -> text("data-status").startsWith("trained"));
    }

    @Test
    void nothingLeavesTheMachineAndAPhoneNeedsNoSidewaysScrolling() throws IOException {
        openChapter();
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(urls.size() >= 3, urls.toString());
        String origin = dashboard.uri().toString();
        for (String u : urls) {
            assertTrue(u.startsWith(origin), "a request left the server: " + u);
        }
        Chromium.phone(browser, 400);
        try {
            browser.navigate().refresh();
            waiting().until(b -> text("chapter-status").startsWith("trained"));
            long width = (Long) js("return document.documentElement.scrollWidth");
            long inner = (Long) js("return window.innerWidth");
            assertTrue(inner < 1280, "the phone's width is in effect");
            assertTrue(inner <= 400, "the page widened the phone's viewport to " + inner + " px");
            screenshot("phone");
            assertTrue(width <= 400, "the page is " + width + " px wide at 400 px");
        } finally {
            Chromium.desktop(browser);
        }
    }
}
