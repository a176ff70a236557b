package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report}, {@code results} and {@code inspect --html} on a real (tiny) study directory and
 * damaged copies of it, through the real CLI: bad input and unusable output paths are one line and
 * exit 2, and nothing already written is lost or left half-written.
 */
class ResultDirectoryCliTest {
    @TempDir
    static Path tmp;
    /** A finished study: candidates s00 (strength 0) and s01, 2 repeats each, every model kept, no report. */
    static Path study;

    @BeforeAll
    static void runStudy() throws IOException {
        Path spec = Files.writeString(tmp.resolve("tiny.yaml"), """
                name: tiny
                data:
                  generator: {kind: moons, n: 60, noise: 0.2, seed: 1}
                  split: {validation: 0.3, test: 0.2}
                network:
                  hidden:
                    - {type: dense, units: 4, activation: relu}
                training: {epochs: 6, batchSize: 0, recordEvery: 2}
                penalty:
                  kind: l2
                  strengths: [0.01]
                repeats: 2
                keepModels: all
                """);
        study = tmp.resolve("study");
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", study.toString(), "--no-report");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(study.resolve("runs/s00-r0.zip")), "keepModels: all keeps s00-r0.zip");
        assertFalse(Files.exists(study.resolve("report.html")));
    }

    /** A copy of the study directory. */
    static Path copy(String name) throws IOException {
        return org.regstudy.search.ResultFiles.copyDirectory(study, tmp.resolve(name), null);
    }

    /** Runs the CLI: exit 2, nothing on stdout, exactly {@code "regstudy: " + expected} on stderr. */
    static void assertBad(String expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("regstudy: " + expected, r.err().strip());
    }

    // ---- inspect --html and report --out: files of a result directory are never overwritten ----

    @Test
    void inspectHtmlRefusesEveryExistingFileOfAResultDirectory() throws IOException {
        Path dir = copy("inspect-guard");
        Path model = dir.resolve("runs/s00-r0.zip");
        for (String name : List.of("summary.json", "job.json", "spec.json", "runs.csv", "runs/s00-r0.json",
                "runs/s01-r1.zip", "runs/../summary.json")) {
            Path target = dir.resolve(name);
            byte[] before = Files.readAllBytes(target);
            assertBad("--html " + target + ": is a file of the result directory " + dir
                            + "; refusing to overwrite it (write it elsewhere)",
                    "inspect", model.toString(), "--html", target.toString());
            assertArrayEquals(before, Files.readAllBytes(target), name + " unchanged");
        }
        // a symbolic link elsewhere that points at summary.json is refused too
        Path link = Files.createSymbolicLink(tmp.resolve("link.html"), dir.resolve("summary.json"));
        assertBad("--html " + link + ": is a file of the result directory " + dir
                + "; refusing to overwrite it (write it elsewhere)", "inspect", model.toString(), "--html", link.toString());
        // a new file inside the directory, and a file elsewhere, are written, and written again: a
        // file of the user's in a result directory is not one of the job's
        for (Path ok : List.of(dir.resolve("inspect-s00-r0.html"), tmp.resolve("inspect-elsewhere.html"))) {
            for (int time = 0; time < 2; time++) {
                CliRun.Result r = CliRun.run("inspect", model.toString(), "--html", ok.toString());
                assertEquals(0, r.code(), r.err());
                assertTrue(Files.readString(ok).startsWith("<!DOCTYPE html>"), ok.toString());
            }
        }
        CliRun.Result r = CliRun.run("report", dir.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void reportOutRefusesTheFilesOfAnotherResultDirectory() throws IOException {
        Path other = copy("other-study");
        Path summary = other.resolve("summary.json");
        byte[] before = Files.readAllBytes(summary);
        assertBad("--out " + summary + ": is a file of the result directory " + other
                + "; refusing to overwrite it (write it elsewhere)", "report", study.toString(), "--out", summary.toString());
        assertArrayEquals(before, Files.readAllBytes(summary));
        // its own DIR: the message offers DIR/report.html
        Path own = study.resolve("spec.json");
        assertBad("--out " + own + ": is a file of the result directory " + study + "; refusing to overwrite it (write it"
                + " elsewhere or to " + study.resolve("report.html") + ")", "report", study.toString(), "--out", own.toString());
    }

    // ---- a damaged summary.json: results and report read it through one check ----

    /** Edits the copy's summary.json as a JSON tree. */
    static Path withSummary(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws IOException {
        Path dir = copy(name);
        Path file = dir.resolve("summary.json");
        var json = org.regstudy.search.ResultJson.mapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        edit.accept(tree);
        Files.writeString(file, json.writeValueAsString(tree));
        return dir;
    }

    @Test
    void damagedSummaryIsOneLineNamingTheFieldInResultsAndReport() throws IOException {
        String restore = "; not a consistent RegStudy summary (restore it from a copy of the result directory)";
        // the defects: s99 crashed both with NoSuchElementException (exit 1); {} crashed results with a NullPointerException
        Path unknown = withSummary("summary-s99", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                t.get("selection").get("best")).put("candidateId", "s99"));
        Path empty = copy("summary-empty");
        Files.writeString(empty.resolve("summary.json"), "{}");
        Path baseline = withSummary("summary-baseline", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                t.get("baselineTest")).put("candidateId", "s07"));
        Path noPoint = withSummary("summary-no-point", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                t.get("candidates").get(1)).remove("point"));
        Path wrongType = withSummary("summary-wrong-type", t -> t.put("candidates", 5));
        // a crafted count: the report listed the 2e9 run ids it implies and ran out of memory
        Path hugeCount = withSummary("summary-huge-count", t -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                t.get("candidates").get(0)).put("completed", 2_000_000_000));
        for (String command : List.of("results", "report")) {
            assertBad(hugeCount.resolve("summary.json") + ": candidates[0].completed: 2000000000 is not a run count (0 to"
                    + " 100000)" + restore, command, hugeCount.toString());
            assertBad(unknown.resolve("summary.json") + ": selection.best.candidateId: 's99' is not one of the candidates"
                    + " (s00, s01)" + restore, command, unknown.toString());
            assertBad(empty.resolve("summary.json") + ": candidates: missing" + restore, command, empty.toString());
            assertBad(baseline.resolve("summary.json") + ": baselineTest.candidateId: 's07' is not one of the candidates"
                    + " (s00, s01)" + restore, command, baseline.toString());
            assertBad(noPoint.resolve("summary.json") + ": candidates[1].point: missing" + restore, command, noPoint.toString());
            CliRun.Result r = CliRun.run(command, wrongType.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("regstudy: " + wrongType.resolve("summary.json") + ":13:18: candidates: unreadable ("), r.err());
            assertTrue(r.err().contains(": candidates: unreadable (Cannot deserialize value of type `ArrayList<CandidateSummary>`"),
                    r.err());
            assertFalse(r.err().contains("org.regstudy"), r.err());
        }
        for (Path dir : List.of(unknown, empty, baseline, noPoint, wrongType, hugeCount)) {
            assertFalse(Files.exists(dir.resolve("report.html")), dir + ": no report written");
        }
        // a name holding terminal escape sequences is printed with them shown, not sent to the terminal
        Path escapes = withSummary("summary-escapes", t -> t.put("name", "tiny\u001b]0;owned\u0007\u001b[31m"));
        CliRun.Result shown = CliRun.run("results", escapes.toString());
        assertEquals(0, shown.code(), shown.err());
        assertFalse(shown.out().contains("\u001b") || shown.out().contains("\u0007"), shown.out());
        assertTrue(shown.out().startsWith("study tiny\\u001b]0;owned\\u0007\\u001b[31m: 2 candidates"), shown.out());
        // the untouched study reads
        CliRun.Result r = CliRun.run("results", study.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("study tiny: 2 candidates, 4 runs"), r.out());
    }

    // ---- runs/ missing altogether: the warning of an empty runs/, and the report ----

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void missingRunsDirectoryIsReportedLikeAnEmptyOne() throws IOException {
        String warning = ": 4 of the 4 runs counted in summary.json have no record in runs/ (s00-r0, s00-r1, s01-r0,"
                + " s01-r1): this report leaves out their training curves, weight statistics and histograms; restore the"
                + " files from a copy of the result directory";
        Path empty = copy("runs-empty");
        deleteTree(empty.resolve("runs"));
        Files.createDirectory(empty.resolve("runs"));
        Path gone = copy("runs-gone");
        deleteTree(gone.resolve("runs"));
        for (Path dir : List.of(empty, gone)) {
            CliRun.Result r = CliRun.run("report", dir.toString());
            // the defect: without runs/ this was exit 2 "DIR/runs: cannot list run records"
            assertEquals(0, r.code(), r.err());
            assertEquals("regstudy: warning: " + dir + warning, r.err().strip());
            assertEquals("report: " + dir.resolve("report.html").toAbsolutePath(), r.out().strip());
            assertTrue(Files.readString(dir.resolve("report.html")).contains("<h4>Missing run records</h4>"), dir.toString());
        }
        assertFalse(Files.exists(gone.resolve("runs")), "report creates no runs/");
        // a file where runs/ belongs is bad input
        Path file = copy("runs-file");
        deleteTree(file.resolve("runs"));
        Files.writeString(file.resolve("runs"), "x");
        assertBad(file.resolve("runs") + ": not a directory; the run records belong in it", "report", file.toString());
        assertFalse(Files.exists(file.resolve("report.html")));
    }

    @Test
    void reportAndInspectReplaceOnlyTheirOwnPagesUnlessForced() throws IOException {
        Path csv = Files.writeString(tmp.resolve("mine.csv"), "x,y\n1,0\n");
        Path model = study.resolve("runs/s00-r0.zip");
        assertBad("--out " + csv + ": exists and is not a page RegStudy wrote; refusing to overwrite it (add --force to"
                + " replace it)", "report", study.toString(), "--out", csv.toString());
        assertBad("--html " + csv + ": exists and is not a page RegStudy wrote; refusing to overwrite it (add --force to"
                + " replace it)", "inspect", model.toString(), "--html", csv.toString());
        assertEquals("x,y\n1,0\n", Files.readString(csv));
        // a page either wrote may be replaced by either, again and again
        Path page = tmp.resolve("page.html");
        for (String[] args : List.of(new String[] {"report", study.toString(), "--out", page.toString()},
                new String[] {"inspect", model.toString(), "--html", page.toString()},
                new String[] {"report", study.toString(), "--out", page.toString()})) {
            CliRun.Result r = CliRun.run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
        }
        // --force replaces the user's file
        CliRun.Result forced = CliRun.run("report", study.toString(), "--out", csv.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(csv).contains(org.regstudy.report.HtmlReport.GENERATOR));
    }

    // ---- warnings of the library read as the CLI's own: "regstudy: warning: ..." ----

    @Test
    void resumeWarnsOfADamagedRunRecordInTheCliFormatAndRunsItAgain() throws IOException {
        Path dir = copy("damaged-record");
        Path record = dir.resolve("runs/s01-r1.json");
        Files.writeString(record, "{\"id\": \"s01-r1\", ");
        CliRun.Result r = CliRun.run("study", tmp.resolve("tiny.yaml").toString(), "--out", dir.toString(), "--resume",
                "--no-report");
        assertEquals(0, r.code(), r.err());
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("regstudy: warning:")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).startsWith("regstudy: warning: ignoring damaged run record " + record
                + " (it will be run again): "), warnings.get(0));
        // run again: a complete record, equal to the undamaged study's but for its timings
        assertTrue(Files.readString(record).strip().endsWith("}"));
        assertEquals(Files.readString(study.resolve("runs.csv")).lines().count(),
                Files.readString(dir.resolve("runs.csv")).lines().count());
    }

    @Test
    void proximalL1WithAnAdaptiveUpdaterIsWarnedOfOnceAndWithSgdNot() {
        String spec = tmp.resolve("tiny.yaml").toString();
        CliRun.Result adam = CliRun.run("study", spec, "--out", tmp.resolve("prox-adam").toString(), "--no-report",
                "--set", "penalty.kind=l1-proximal", "--set", "network.updater.kind=adam");
        assertEquals(0, adam.code(), adam.err());
        List<String> warnings = adam.err().lines().filter(l -> l.startsWith("regstudy: warning:")).toList();
        assertEquals(List.of("regstudy: warning: " + spec + " (after --set): penalty.kind: l1-proximal with adam: its soft"
                + " threshold lr*c is proximal L1 only under sgd; with adam c is not on l1's scale, and c >= 1 shrinks a"
                + " weight by more than a typical step, often zeroing all of them (docs/penalties.md)"), warnings);
        CliRun.Result sgd = CliRun.run("study", spec, "--out", tmp.resolve("prox-sgd").toString(), "--no-report",
                "--set", "penalty.kind=l1-proximal", "--set", "network.updater.kind=sgd");
        assertEquals(0, sgd.code(), sgd.err());
        assertFalse(sgd.err().contains("warning"), sgd.err());
    }

    // ---- unusable output paths: exit 2 before anything is written; never half-written output ----

    /** Every file under {@code dir} (relative names), hidden temporary files included. */
    static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> !f.equals(dir)).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    void outputPathsRootMayNotWriteAreOneLineAndExitTwo() {
        // as root, access(2) calls /sys writable, and writing failed later: exit 1, "internal error: UncheckedIOException"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys")), "needs Linux /sys");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/sys/regstudy.html")));
        assertBad("--out /sys/regstudy.html: cannot write into /sys (permission denied)",
                "report", study.toString(), "--out", "/sys/regstudy.html");
        assertBad("--png /sys/regstudy-png: cannot write into /sys (permission denied)",
                "report", study.toString(), "--out", tmp.resolve("never.html").toString(), "--png", "/sys/regstudy-png");
        assertFalse(Files.exists(tmp.resolve("never.html")));
        assertBad("--html /sys/regstudy.html: cannot write into /sys (permission denied)",
                "inspect", study.resolve("runs/s00-r0.zip").toString(), "--html", "/sys/regstudy.html");
    }

    @Test
    void aDirectoryWhereAPngGoesIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path dir = copy("png-in-the-way");
        CliRun.Result r = CliRun.run("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path report = dir.resolve("report.html");
        byte[] before = Files.readAllBytes(report);
        Path png = Files.createDirectories(tmp.resolve("png-in-the-way-png"));
        Files.createDirectories(png.resolve("figure-03.png"));
        Path out = tmp.resolve("png-in-the-way.html");
        // the defect: exit 1 after the report, figure-01.png and figure-02.png were written
        for (String[] args : List.of(new String[] {"report", dir.toString(), "--out", out.toString(), "--png", png.toString()},
                new String[] {"report", dir.toString(), "--png", png.toString()})) {
            assertBad("--png " + png + ": " + png.resolve("figure-03.png") + " is a directory, where figure-03.png goes;"
                    + " remove it or choose another directory", args);
            assertFalse(Files.exists(out), "no report written");
            assertArrayEquals(before, Files.readAllBytes(report), "DIR/report.html unchanged");
            assertEquals(List.of("figure-03.png"), listing(png), "no chart written");
        }
        // once it is out of the way: every figure
        Files.delete(png.resolve("figure-03.png"));
        r = CliRun.run("report", dir.toString(), "--out", out.toString(), "--png", png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(8, listing(png).size(), listing(png).toString());
    }

    @Test
    void aReportThatCannotBeWrittenLeavesNothingBehind() throws IOException {
        // DIR/report.html is a directory: the default --out passes no check; writing it fails, and the
        // charts, written in the same step, are not left behind either (nor the --png directory made for them)
        Path dir = copy("report-is-a-directory");
        Files.createDirectories(dir.resolve("report.html"));
        Path png = tmp.resolve("report-is-a-directory-png");
        List<String> files = listing(dir);
        assertBad("cannot write " + dir.resolve("report.html") + " (Is a directory: " + dir.resolve("report.html") + ")",
                "report", dir.toString(), "--png", png.toString());
        assertEquals(files, listing(dir), "no file added to DIR, no temporary file left");
        assertFalse(Files.exists(png), "the --png directory created for the charts is removed again");
    }

    @Test
    void htmlAndPngsAreWrittenAllOrNothing() throws IOException {
        // the library's HtmlReport.write(file, pngDir) without the CLI's checks: a directory where
        // figure-05.png goes fails the whole step before any file is replaced
        org.regstudy.report.HtmlReport page = org.regstudy.report.StudyReport.build(org.regstudy.report.StudyReport.read(study));
        Path out = Files.writeString(tmp.resolve("all-or-nothing.html"), "old report");
        Path png = Files.createDirectories(tmp.resolve("all-or-nothing-png"));
        Files.writeString(png.resolve("figure-01.png"), "old figure");
        Files.createDirectories(png.resolve("figure-05.png"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () -> page.write(out, png));
        assertEquals("cannot write " + png.resolve("figure-05.png") + " (Is a directory: " + png.resolve("figure-05.png") + ")",
                e.getMessage());
        assertEquals("old report", Files.readString(out));
        assertEquals(List.of("figure-01.png", "figure-05.png"), listing(png));
        assertEquals("old figure", Files.readString(png.resolve("figure-01.png")));
        assertEquals(List.of(), listing(tmp).stream().filter(f -> f.endsWith(".tmp")).toList(), "temporary files removed");
        // the library's report writer says the same as bad input (exit 2 from the CLI)
        var bad = org.junit.jupiter.api.Assertions.assertThrows(org.regstudy.common.BadInputException.class,
                () -> org.regstudy.report.StudyReport.write(page, out, png));
        assertEquals(e.getMessage(), bad.getMessage());
    }
}
