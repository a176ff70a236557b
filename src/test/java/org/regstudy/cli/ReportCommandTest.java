package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regstudy report}'s output paths are checked before the study is read or anything written. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private String assertBad(String expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), r.err());
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(expected), line);
        return line;
    }

    @Test
    void outputThatWouldReplaceAResultFileIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Path summary = Files.writeString(dir.resolve("summary.json"), "{\"kept\": true}");
        assertBad("--out " + summary + ": is a file of the result directory " + dir + "; refusing to overwrite it",
                "report", dir.toString(), "--out", summary.toString());
        // the same file reached through '..' is refused too
        Path indirect = dir.resolve("runs/../summary.json");
        Files.createDirectories(dir.resolve("runs"));
        assertBad("refusing to overwrite it", "report", dir.toString(), "--out", indirect.toString());
        assertEquals("{\"kept\": true}", Files.readString(summary));
        assertBad("--out " + dir + ": is a directory", "report", dir.toString(), "--out", dir.toString());
    }

    @Test
    void malformedJobFileAndIncompleteRunRecordNameTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Path job = Files.writeString(dir.resolve("job.json"), "[1]");
        String line = assertBad(job + ": not a RegStudy job file (expected a JSON object", "report", dir.toString());
        assertFalse(line.contains("JobIdentity"), line);

        Files.writeString(job, "{\"schemaVersion\": 1, \"kind\": \"study\", \"hash\": \"abc\", \"name\": \"x\"}");
        Path record = Files.writeString(Files.createDirectories(dir.resolve("runs")).resolve("s00-r0.json"), "{}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.regstudy.common.BadInputException.class,
                () -> org.regstudy.search.ResultStore.read(dir).readAllStrict());
        assertEquals(record + ": damaged run record (no \"id\"); restore it, or resume the job with --resume to run"
                + " it again", e.getMessage());
    }

    @Test
    void unwritableOutputPathsAreOneLineAndExitTwo() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Path afile = Files.writeString(tmp.resolve("afile"), "x");
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        assertBad("--out " + sub + ": is a directory; give a file name", "report", dir.toString(), "--out", sub.toString());
        assertBad("--out " + afile.resolve("r.html") + ": " + afile + " is a file, not a directory",
                "report", dir.toString(), "--out", afile.resolve("r.html").toString());
        assertBad("--png " + afile + ": is a file, not a directory", "report", dir.toString(), "--png", afile.toString());
        assertBad("--png " + afile.resolve("png") + ": " + afile + " is a file, not a directory",
                "report", dir.toString(), "--png", afile.resolve("png").toString());
        // nothing was written, not even the report
        assertFalse(Files.exists(dir.resolve("report.html")));
        assertEquals("x", Files.readString(afile));
    }
}
