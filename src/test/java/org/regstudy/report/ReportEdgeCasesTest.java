package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.cli.CliRun;

/**
 * Reports of small real iris studies at the edges the main report test does not reach, each
 * through the real CLI and read back from the {@code report.html} it writes.
 */
class ReportEdgeCasesTest {
    @TempDir
    static Path tmp;

    /** One figure of a report: its title (the SVG's first text), every SVG text, and its caption. */
    record Figure(String title, List<String> texts, String caption) {
        /** The texts drawn more than once (tick labels repeated by a collapsed axis). */
        List<String> repeated() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (texts.indexOf(texts.get(i)) != i && !out.contains(texts.get(i))) {
                    out.add(texts.get(i));
                }
            }
            return out;
        }
    }

    static List<Figure> figures(Path html) throws IOException {
        String page = Files.readString(html);
        Matcher f = Pattern.compile("<figure class=\"chart\".*?</figure>", Pattern.DOTALL).matcher(page);
        List<Figure> out = new ArrayList<>();
        while (f.find()) {
            String fig = f.group();
            List<String> texts = ChartsTest.texts(fig.substring(0, fig.indexOf("</svg>")));
            Matcher cap = Pattern.compile("<figcaption>(.*?)</figcaption>", Pattern.DOTALL).matcher(fig);
            String caption = cap.find() ? unescape(cap.group(1).replaceAll("<[^>]+>", "")) : "";
            out.add(new Figure(texts.isEmpty() ? "" : texts.get(0), texts, caption));
        }
        return out;
    }

    static Figure figure(List<Figure> figures, String title) {
        return figures.stream().filter(x -> x.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + title + "' in " + figures.stream().map(Figure::title).toList()));
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** An iris study spec ({@link StudyReportTest#irisSpec}); {@code extra} is appended as YAML (e.g. a search block). */
    static Path spec(String name, String updater, String strengths, int epochs, int recordEvery, String extra) {
        return StudyReportTest.irisSpec(tmp, name, updater, strengths, epochs, recordEvery, extra);
    }

    static Path run(String command, Path spec, String name) {
        Path out = tmp.resolve(name);
        CliRun.Result r = CliRun.run(command, spec.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void oneStrengthAndOneRecordedEpochGetReadableAxes() throws IOException {
        // one strength (0.01, plus the baseline) and one recorded epoch (2 of 2): before, the weight figures labelled
        // nine x ticks "0.01" and the training curves twenty "2E0"-like ticks
        Path dir = run("study", spec("one", "{kind: adam, learningRate: 0.02}", "[0.01]", 2, 2, ""), "one");
        List<Figure> figures = figures(dir.resolve("report.html"));
        for (String title : List.of("Weight L2 norm per layer against strength", "Weight sparsity per layer against strength")) {
            Figure f = figure(figures, title);
            assertEquals(List.of(), f.repeated(), f.texts().toString());
            // the range the validation curve gives one strength: 5×10⁻³ .. 0.02
            assertTrue(f.texts().containsAll(List.of("5×10⁻³", "0.01", "0.02")), f.texts().toString());
        }
        for (String title : List.of("Training curves: data loss per epoch", "Penalty term per epoch",
                "Validation curve: data loss against strength")) {
            Figure f = figure(figures, title);
            assertEquals(List.of(), f.repeated(), f.texts().toString());
        }
    }

    /**
     * SGD with lr 0.5 and L2 1000 on iris (full batch): each step multiplies the weights by about 1 - 0.5*2000, so the
     * training score is non-finite within about ten epochs, before the first record at epoch 20; λ = 0.001 is stable.
     */
    static synchronized Path divergedStudy() {
        if (diverged == null) {
            diverged = run("study", spec("early", "{kind: sgd, learningRate: 0.5}", "[0.001, 1000]", 20, 20, ""), "early");
        }
        return diverged;
    }

    static Path diverged;

    @Test
    void aRunThatDivergedBeforeItsFirstRecordIsNamedInTheTrainingCurves() throws IOException {
        Path dir = divergedStudy();
        List<org.regstudy.search.RunRecord> early = org.regstudy.search.ResultStore.read(dir).readAllStrict().stream()
                .filter(x -> x.candidateId().equals("s02")).toList();
        assertEquals(2, early.size());
        Figure f = figure(figures(dir.resolve("report.html")), "Training curves: data loss per epoch");
        // the strongest candidate is featured; its legend entries say why they have no line ...
        assertTrue(f.texts().contains("s02 strongest (λ = 1.00e+03), validation (no recorded epoch)"), f.texts().toString());
        // ... and the caption names each run, the epoch it diverged at and its reason
        assertTrue(f.caption().contains("Candidate s02 (strongest, λ = 1.00e+03) has no recorded epoch, so its legend entries have"
                + " no line: "), f.caption());
        for (org.regstudy.search.RunRecord run : early) {
            assertEquals(org.regstudy.train.RunStatus.DIVERGED, run.status());
            assertTrue(run.history().isEmpty() && run.epochsRun() < 20, run.id() + " diverged at " + run.epochsRun());
            assertTrue(f.caption().contains(run.id() + " diverged at epoch " + run.epochsRun() + ", before the first recorded epoch"
                    + " (20): " + run.reason()), f.caption());
        }
        // the completed candidates draw their lines and are not named
        assertFalse(f.caption().contains("s00-r0") || f.caption().contains("Candidate s00"), f.caption());
    }

    /** The summary's key-value rows, key to value (unescaped). */
    static java.util.Map<String, String> summaryRows(Path html) throws IOException {
        Matcher m = Pattern.compile("<tr><th scope=\"row\">([^<]*)</th><td[^>]*>([^<]*)</td>").matcher(Files.readString(html));
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        while (m.find()) {
            out.putIfAbsent(unescape(m.group(1)), unescape(m.group(2)));
        }
        return out;
    }

    @Test
    void theSummaryCountsSweepReadingsAndRulesVerdictsUnderTheirOwnNames() throws IOException {
        Path dir = divergedStudy();
        org.regstudy.search.StudySummary s = org.regstudy.search.ResultStore.read(dir).readJson("summary.json",
                org.regstudy.search.StudySummary.class).orElseThrow();
        java.util.Map<String, String> rows = summaryRows(dir.resolve("report.html"));
        // before: one row "verdict counts" held the sweep readings (and run counts) only, beside a rules column that
        // could say OVERFITTING where the row said "OVERFITTING 0"
        assertFalse(rows.containsKey("verdict counts"), rows.toString());
        StringBuilder sweep = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        for (org.regstudy.diagnosis.Verdict v : org.regstudy.diagnosis.Verdict.values()) {
            sweep.append(sweep.length() == 0 ? "" : ", ").append(v).append(' ')
                    .append(s.candidates().stream().filter(c -> c.sweep().verdict() == v).count());
            rules.append(rules.length() == 0 ? "" : ", ").append(v).append(' ')
                    .append(s.candidates().stream().filter(c -> c.repeats() != null && c.repeats().verdict() == v).count());
        }
        assertEquals(sweep.toString(), rows.get("sweep readings (one per candidate)"), rows.toString());
        // s02 has no completed run: its rules verdict is DIVERGED, as in the verdict table
        assertEquals(rules + ", DIVERGED 1", rows.get("rules verdicts across repeats (one per candidate)"), rows.toString());
    }

    @Test
    void aSearchCountsItsBaselineOnceAmongItsCandidates() throws IOException {
        // a grid of 2 shared strengths: candidates base (no penalty), c0000 and c0001, 3 in all; before, the summary said
        // "3 candidates, Σλ from ... to ..., plus λ = 0", as if the baseline came on top of the 3
        Path dir = run("search", spec("grid", "{kind: adam, learningRate: 0.02}", null, 4, 2, """
                search:
                  method: grid
                  strengthRange: {min: 0.001, max: 0.1}
                  gridPoints: 2
                """), "grid");
        org.regstudy.search.StudySummary s = org.regstudy.search.ResultStore.read(dir).readJson("summary.json",
                org.regstudy.search.StudySummary.class).orElseThrow();
        assertEquals(List.of("base", "c0000", "c0001"), s.candidates().stream().map(c -> c.id()).sorted().toList());
        double lo = s.candidates().stream().mapToDouble(c -> c.strength()).filter(v -> v > 0).min().orElseThrow();
        double hi = s.candidates().stream().mapToDouble(c -> c.strength()).max().orElseThrow();
        assertEquals("3 candidates: the unregularized baseline (Σλ = 0) and 2 with Σλ from " + SummaryText.num(lo) + " to "
                + SummaryText.num(hi), summaryRows(dir.resolve("report.html")).get("strengths"));
    }
}
