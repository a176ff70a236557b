package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.regstudy.common.AtomicFiles;

/**
 * Opens reports in headless Chromium: the demo study report must render its charts with axis
 * labels, without console errors, and look like something (not a blank page). The helper itself
 * is checked against a page with a console error and a blank page, so a broken check cannot pass.
 */
class ReportBrowserTest {
    private static BrowserCheck browser;

    @BeforeAll
    static void startBrowser() {
        browser = BrowserCheck.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void demoReportRendersChartsWithoutErrors() {
        Path dir = BrowserCheck.targetDir();
        Path html = dir.resolve("demo-report.html");
        DemoCharts.report().write(html);

        BrowserCheck.Page page = browser.open(html, dir.resolve("demo-report.png"));

        assertEquals("Study: half-moons, L2 on dense layers (demo data)", page.title());
        assertEquals(List.of(), page.severeLogs(), "browser console errors");
        List<BrowserCheck.Svg> charts = page.svgs().stream().filter(BrowserCheck.Svg::nonEmpty).toList();
        assertTrue(charts.size() >= 5, "at least five non-empty charts, got " + page.svgs());
        for (BrowserCheck.Svg s : charts) {
            assertTrue(s.hasAxisLabels(), "axis labels drawn in " + s);
        }
        assertTrue(page.screenshot().notBlank(), "screenshot " + page.screenshot());
        assertEquals(BrowserCheck.WINDOW_WIDTH, page.screenshot().width());
        assertTrue(page.screenshot().height() > 2000, "full page, six charts tall: " + page.screenshot());

        // the diverged run is shown in the alert box, and a <script> in the data stays text
        String alerts = browser.driver().findElement(By.cssSelector(".alerts")).getText();
        assertTrue(alerts.contains("diverged at epoch 31"), alerts);
        assertEquals(0, browser.driver().findElements(By.tagName("script")).size());
        assertTrue(browser.driver().findElement(By.cssSelector("table.kv")).getText().contains("<script>alert('x')</script>"));
        // log-axis tick labels are real text in the browser
        assertTrue(charts.get(0).texts().containsAll(List.of("10⁻⁶", "0.01", "1")), charts.get(0).texts().toString());
    }

    @Test
    void aSummaryTableOfLongKeysAndUnbrokenValuesFitsThePage() {
        // the summary's longest key and a SHA-256 made the key-value table wider than the window (it
        // scrolled sideways at 1200 px)
        java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put(SummaryText.STILL_IMPROVING, "s01 (1 of 3 runs), s02 (1 of 3 runs), s03 (1 of 3 runs); more epochs may"
                + " change these verdicts");
        rows.put("dataset SHA-256", "e52145ba5e530a368072df572b34a088a09e062064fd03c5440d29f33f57c0a3".repeat(2));
        Path dir = BrowserCheck.targetDir();
        Path html = dir.resolve("wide-summary.html");
        new HtmlReport("Wide summary").keyValues("Setup and outcome", rows).write(html);
        browser.open(html, dir.resolve("wide-summary.png"));
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "pixels the page is wider than the window");
    }

    @Test
    void missingBrowserFailsWithInstallHint() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> BrowserCheck.start("/nonexistent/chromium", BrowserCheck.CHROMEDRIVER));
        assertTrue(e.getMessage().contains("/nonexistent/chromium is missing: install chromium and chromium-driver"), e.getMessage());
    }

    @Test
    void helperSeesConsoleErrorsAndBlankPages() {
        Path dir = BrowserCheck.targetDir();
        Path broken = dir.resolve("check-console-error.html");
        AtomicFiles.writeString(broken, "<!DOCTYPE html><html><head><title>err</title></head><body>"
                + "<script>console.error('deliberate failure 42')</script><svg></svg></body></html>");
        BrowserCheck.Page p = browser.open(broken, dir.resolve("check-console-error.png"));
        assertTrue(p.severeLogs().stream().anyMatch(m -> m.contains("deliberate failure 42")), p.severeLogs().toString());
        assertEquals(1, p.svgs().size());
        assertFalse(p.svgs().get(0).nonEmpty(), "an empty <svg> is not a chart");
        assertFalse(p.screenshot().notBlank(), "a white page is blank: " + p.screenshot());
    }
}
