package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.regstudy.cli.CliRun;
import org.regstudy.common.AtomicFiles;
import org.regstudy.inspect.Histogram;
import org.regstudy.search.ResultStore;
import org.regstudy.search.StudySummary;

/**
 * Real studies on iris through the real CLI ({@code regstudy study} writes the report at its end),
 * their reports opened in headless Chromium, {@code regstudy report} on good and bad directories,
 * and {@code regstudy inspect --html} on the study's saved models.
 */
class StudyReportTest {
    @TempDir
    static Path tmp;
    static Path study;
    static Path diverged;
    static BrowserCheck browser;


    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    static Path spec(String name, String updater, String strengths, int epochs) {
        return irisSpec(tmp, name, updater, strengths, epochs, 2, "");
    }

    /**
     * An iris study spec in {@code dir}: 4-8-3, full batch, 2 repeats, concurrency 2, L2 at
     * {@code strengths} (null: none listed, e.g. for a search); {@code extra} is appended as YAML.
     */
    static Path irisSpec(Path dir, String name, String updater, String strengths, int epochs, int recordEvery,
                         String extra) {
        Path f = dir.resolve(name + ".yaml");
        AtomicFiles.writeString(f, """
                name: %s
                data:
                  file: %s
                  split: {validation: 0.3, test: 0.2}
                network:
                  hidden:
                    - {type: dense, units: 8, activation: relu}
                  updater: %s
                training: {epochs: %d, batchSize: 0, recordEvery: %d}
                penalty:
                  kind: l2
                %s
                repeats: 2
                concurrency: 2
                %s
                """.formatted(name, Path.of("data/iris.csv").toAbsolutePath(), updater, epochs, recordEvery,
                strengths == null ? "" : "  strengths: " + strengths, extra));
        return f;
    }

    @BeforeAll
    static void runStudies() {
        study = tmp.resolve("iris-l2");
        CliRun.Result r = cli("study", spec("iris-l2", "{kind: adam, learningRate: 0.02}", "[0.001, 0.03, 1]", 30).toString(),
                "--out", study.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report: " + study.resolve("report.html").toAbsolutePath()), r.out());
        // SGD with lr 0.1: an L2 step multiplies w by (1 - 0.1*100) = -9 each iteration, so |w| grows ~9x per
        // epoch (full batch) and passes the default divergence limit 1e6 within a few epochs; lambda 0.001 is stable.
        diverged = tmp.resolve("iris-diverge");
        r = cli("study", spec("iris-diverge", "{kind: sgd, learningRate: 0.1}", "[0.001, 100]", 12).toString(),
                "--out", diverged.toString(), "--no-report");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(diverged.resolve("report.html")), "--no-report writes no report");
        browser = BrowserCheck.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void studyReportRendersInBrowser() {
        Path html = study.resolve("report.html");
        assertTrue(Files.isRegularFile(html));
        BrowserCheck.Page page = browser.open(html, BrowserCheck.targetDir().resolve("study-report.png"));
        assertEquals(List.of(), page.severeLogs(), "browser console errors");
        List<BrowserCheck.Svg> charts = page.svgs().stream().filter(BrowserCheck.Svg::nonEmpty).toList();
        // 2 validation curves + training curves + penalty + L2 norm + sparsity + 2 histograms (layer0 W, output W) = 8
        assertEquals(8, charts.size(), page.svgs().toString());
        for (BrowserCheck.Svg s : charts) {
            assertTrue(s.hasAxisLabels(), "axis labels drawn in " + s);
        }
        assertTrue(page.screenshot().notBlank(), page.screenshot().toString());
        assertTrue(page.title().startsWith("Study: iris-l2"), page.title());
        List<String> sections = browser.driver().findElements(By.cssSelector("h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Summary", "Validation curve", "Training curves", "Weights", "Verdicts", "Leaderboard", "Provenance"),
                sections);
        // strengths as written in the spec, baseline first; no diverged run, so no alert box
        String summary = browser.driver().findElement(By.cssSelector("table.kv")).getText();
        assertTrue(summary.contains("0, 0.00100, 0.0300, 1.00 (4 candidates)"), summary);
        assertTrue(summary.contains("held-out test accuracy"), summary);
        assertEquals(0, browser.driver().findElements(By.cssSelector(".alerts")).size());
        // the leaderboard's first row is the selection's best candidate; the provenance names the data's SHA-256
        StudySummary s = ResultStore.read(study).readJson("summary.json", StudySummary.class).orElseThrow();
        // candidates with runs still improving when training ended are named in the summary, as under the text table
        String improving = SummaryText.stillImprovingList(s.candidates());
        assertEquals(improving != null, summary.contains("still improving when training ended"), summary);
        if (improving != null) {
            assertTrue(summary.contains(improving), summary);
        }
        WebElement board = browser.driver().findElement(By.xpath("//table[caption[starts-with(., 'Candidates by mean')]]"));
        assertEquals(s.selection().best().candidateId(), board.findElement(By.xpath(".//tbody/tr[1]/td[2]")).getText());
        String fingerprint = ResultStore.read(study).readAll().get(0).provenance().dataFingerprint();
        assertTrue(browser.driver().getPageSource().contains(fingerprint));
        // the validation curve carries the baseline as reference lines and the verdict regions as labels
        assertTrue(charts.get(0).texts().contains("validation, no penalty (λ = 0)"), charts.get(0).texts().toString());
    }

    @Test
    void divergedCandidateIsShownAsDiverged() {
        CliRun.Result r = cli("report", diverged.toString());
        assertEquals(0, r.code(), r.err());
        Path html = diverged.resolve("report.html");
        BrowserCheck.Page page = browser.open(html, BrowserCheck.targetDir().resolve("diverged-report.png"));
        assertEquals(List.of(), page.severeLogs());
        assertTrue(page.svgs().stream().filter(BrowserCheck.Svg::nonEmpty).count() >= 5);
        String alerts = browser.driver().findElement(By.cssSelector(".alerts")).getText();
        // both repeats of s02 (lambda 100) diverge; the reason names the divergence limit
        for (String id : List.of("s02-r0", "s02-r1")) {
            assertTrue(alerts.contains(id + " (candidate s02, λ = 100"), alerts);
            // once: the summary's problems name the same runs, and were listed a second time
            assertEquals(1, alerts.lines().filter(l -> l.contains(id)).count(), alerts);
        }
        assertTrue(alerts.contains("DIVERGED after"), alerts);
        assertTrue(alerts.contains("exceeds the divergence limit 1000000.0"), alerts);
        WebElement verdicts = browser.driver().findElement(By.xpath("//table[caption[starts-with(., 'Verdict and evidence')]]"));
        String row = verdicts.findElement(By.xpath(".//tbody/tr[td[1]='s02']")).getText();
        assertTrue(row.contains("DIVERGED") && row.contains("0 ok, 2 diverged") && row.contains("no completed run"), row);
        // the validation curve shades the diverged strength
        assertTrue(page.svgs().get(0).texts().contains("DIVERGED"), page.svgs().get(0).texts().toString());
    }

    @Test
    void pngsOnePerFigure() throws IOException {
        Path png = tmp.resolve("png");
        Path out = tmp.resolve("copy.html");
        CliRun.Result r = cli("report", study.toString(), "--out", out.toString(), "--png", png.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        int figures = count(html, "<figure class=\"chart\"");
        try (Stream<Path> files = Files.list(png)) {
            assertEquals(figures, files.filter(p -> p.getFileName().toString().matches("figure-\\d\\d\\.png")).count());
        }
        assertEquals(8, figures);
    }

    @Test
    void badDirectoriesExitTwoWithOneLine() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("not-a-result"));
        CliRun.Result r = cli("report", empty.toString());
        assertEquals(2, r.code());
        assertEquals("regstudy: " + empty + ": not a RegStudy result directory (no job.json)", r.err().strip());

        Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
        Files.copy(study.resolve("job.json"), unfinished.resolve("job.json"));
        r = cli("report", unfinished.toString());
        assertEquals(2, r.code());
        assertEquals("regstudy: " + unfinished + ": study not finished (no summary.json); resume it with --resume", r.err().strip());

        r = cli("report", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a directory"), r.err());
        // a damaged run record in a finished study: one line naming the file, and no report written
        Path damaged = copyOfStudy("damaged");
        Path record = damaged.resolve("runs/s00-r0.json");
        Files.writeString(record, Files.readString(record).substring(0, 200));
        r = cli("report", damaged.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(record + ":") && r.err().contains("damaged run record"), r.err());
        assertTrue(Files.notExists(damaged.resolve("report.html")));
    }

    /** A copy of the finished study's directory without its report.html. */
    static Path copyOfStudy(String name) throws IOException {
        return org.regstudy.search.ResultFiles.copyDirectory(study, tmp.resolve(name), "report.html");
    }

    @Test
    void missingRunRecordsAreAWarningOnStderrAndAnAlertInTheReport() throws IOException {
        // the study has 4 candidates (strength 0 and the 3 of the spec) x 2 repeats = 8 runs, s00-r0 .. s03-r1
        StudySummary summary = ResultStore.read(study).readJson("summary.json", StudySummary.class).orElseThrow();
        assertEquals(8, summary.runs());
        Path dir = copyOfStudy("missing-some");
        for (String id : List.of("s01-r0", "s01-r1", "s03-r1")) {
            Files.delete(dir.resolve("runs/" + id + ".json"));
        }
        CliRun.Result r = cli("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        // 3 of 8 deleted: named in candidate and repeat order, all 3 (at most 5 are named)
        String message = "3 of the 8 runs counted in summary.json have no record in runs/ (s01-r0, s01-r1, s03-r1): this"
                + " report leaves out their training curves, weight statistics and histograms; restore the files from a"
                + " copy of the result directory";
        assertEquals("regstudy: warning: " + dir + ": " + message, r.err().strip());
        String html = Files.readString(dir.resolve("report.html"));
        int alert = html.indexOf("<section class=\"alerts\" role=\"alert\"><h4>Missing run records</h4><ul><li>"
                + HtmlReport.escape(message) + "</li>");
        // the alert comes first in the summary, before its setup table
        assertTrue(alert > 0 && alert < html.indexOf("<table class=\"kv\">"), html);
        assertTrue(html.contains("(as summary.json counts them; 3 without a record in runs/)"), html);

        // every record deleted (the defect: exit 0, "8 completed" and no word about the missing charts):
        // 8 of 8, the first 5 named and "3 more"
        Path none = copyOfStudy("missing-all");
        try (Stream<Path> files = Files.list(none.resolve("runs"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.delete(f);
            }
        }
        r = cli("report", none.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("regstudy: warning: " + none + ": 8 of the 8 runs counted in summary.json have no record"
                + " in runs/ (s00-r0, s00-r1, s01-r0, s01-r1, s02-r0 and 3 more):"), r.err());
        assertTrue(Files.readString(none.resolve("report.html")).contains("<h4>Missing run records</h4>"));

        // nothing missing: no warning, no alert (the study's own report directory, copied)
        Path whole = copyOfStudy("missing-none");
        r = cli("report", whole.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertFalse(Files.readString(whole.resolve("report.html")).contains("Missing run records"));
    }

    @Test
    void runRecordsWrittenBeforeNonFiniteWasCountedStillRead() throws IOException {
        // a record as written before WeightStats counted non-finite values: the same file without the
        // "nonFinite" field of each weight array; it reads back as 0 with every other statistic unchanged
        Path dir = copyOfStudy("before-non-finite");
        Path record = dir.resolve("runs/s00-r0.json");
        com.fasterxml.jackson.databind.ObjectMapper json = org.regstudy.search.ResultJson.mapper();
        var tree = json.readTree(record.toFile());
        assertTrue(tree.get("weights").size() > 0 && tree.get("weights").get(0).has("nonFinite"), tree.toString());
        for (var w : tree.get("weights")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) w).remove("nonFinite");
        }
        Files.writeString(record, json.writeValueAsString(tree));
        assertFalse(Files.readString(record).contains("nonFinite"));
        var old = ResultStore.read(dir).readAllStrict().get(0);
        var current = ResultStore.read(study).readAllStrict().get(0);
        assertEquals("s00-r0", old.id());
        assertEquals(current.weights(), old.weights());
        assertTrue(old.weights().stream().allMatch(w -> w.nonFinite() == 0));
        CliRun.Result r = cli("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void aCompletedRunWithNonFiniteWeightsIsAnAlert() throws IOException {
        // s00-r0's first weight array claims 3 NaN/infinite entries; the report names the run and the count
        Path dir = copyOfStudy("non-finite");
        Path record = dir.resolve("runs/s00-r0.json");
        com.fasterxml.jackson.databind.ObjectMapper json = org.regstudy.search.ResultJson.mapper();
        var tree = json.readTree(record.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("weights").get(0)).put("nonFinite", 3);
        Files.writeString(record, json.writeValueAsString(tree));
        CliRun.Result r = cli("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("s00-r0 (candidate s00") && html.contains("completed, but 3 of its weights are NaN or infinite"),
                "alert in the report");
        String clean = Files.readString(study.resolve("report.html"));
        assertFalse(clean.contains("of its weights are NaN or infinite"), "none for the untouched study");
    }

    @Test
    void inspectHtmlDrawsHistograms() throws IOException {
        List<Path> zips;
        try (Stream<Path> files = Files.list(study.resolve("runs"))) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        assertTrue(zips.size() >= 2, zips.toString());
        Path one = tmp.resolve("inspect-one.html");
        CliRun.Result r = cli("inspect", zips.get(0).toString(), "--html", one.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(one);
        // one model: a histogram per weight array (layer0 W 4x8, output W 8x3), none for the biases
        assertEquals(2, count(html, "<svg"));
        assertEquals(2, count(html, "data-x-label=\"weight value\""));
        assertTrue(html.contains("Weights of layer0 W") && html.contains("[4,8]"), html);

        Path two = tmp.resolve("inspect-two.html");
        r = cli("inspect", zips.get(0).toString(), zips.get(1).toString(), "--html", two.toString());
        assertEquals(0, r.code(), r.err());
        html = Files.readString(two);
        // two models: only the side-by-side overlays, one per shared weight array
        assertEquals(2, count(html, "<svg"));
        assertTrue(html.contains("Side by side") && html.contains(zips.get(1).getFileName().toString() + " L2"), html);
    }

    @Test
    void histogramEdgesFromStoredCounts() {
        // min -1, max 1, 4 bins: width (1 - -1)/4 = 0.5 -> edges -1, -0.5, 0, 0.5, 1
        HistogramSeries h = StudyReport.histogramSeries("h", new Histogram(-1, 1, new long[] {1, 2, 3, 4}));
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, h.edges(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4}, h.counts(), 0);
        // all weights equal 2 (min == max): the range is widened by |2|/2 = 1 either side -> 1 .. 3 in 2 bins
        HistogramSeries flat = StudyReport.histogramSeries("flat", new Histogram(2, 2, new long[] {0, 5}));
        assertArrayEquals(new double[] {1, 2, 3}, flat.edges(), 1e-12);
        // as a density: count / (n * width) with n = 10, width 0.5: 0.2, 0.4, 0.6, 0.8 (area 0.5 * 2 = 1);
        // 4 weights over a range 10 times as wide, one a bin: 1 / (4 * 5) = 0.05 a bin, the same area 0.05 * 20 = 1
        assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8},
                StudyReport.densitySeries("h", new Histogram(-1, 1, new long[] {1, 2, 3, 4})).counts(), 1e-12);
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.05},
                StudyReport.densitySeries("w", new Histogram(-10, 10, new long[] {1, 1, 1, 1})).counts(), 1e-12);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
