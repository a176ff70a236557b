package org.regstudy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.regstudy.report.HtmlReport;
import org.regstudy.report.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regstudy report DIR}: the self-contained HTML report of a finished study or search. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Write the HTML report of a finished study or search directory.",
            "Summary, validation curve, training curves, learning curve, weight norms, sparsity and "
                    + "histograms, verdicts with evidence, leaderboard, diverged and failed runs, provenance: "
                    + "one self-contained file with inline SVG charts."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Result directory written by 'regstudy study' or 'regstudy search'.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Report file (default: DIR/report.html).")
    Path out;

    @Option(names = "--force", description = "Replace the report file even if RegStudy did not write it.")
    boolean force;

    @Option(names = "--png", paramLabel = "PNGDIR", description = "Also write every chart as PNG (figure-01.png, ...) into PNGDIR.")
    Path png;

    @Override
    public Integer call() {
        if (out != null) {
            OutputPaths.checkFile("--out", out, List.of(dir));
            OutputPaths.checkNotResultFile("--out", out, dir, StudyReport.FILE_NAME);
        }
        OutputPaths.checkOverwritable(out != null ? "--out" : "report", out != null ? out : dir.resolve(StudyReport.FILE_NAME),
                force);
        if (png != null) {
            OutputPaths.checkDirectory("--png", png);
        }
        StudyReport.Inputs in = StudyReport.read(dir);
        HtmlReport page = StudyReport.build(in);
        if (png != null) {
            // the number of charts is known now; check where each goes before anything is written
            OutputPaths.checkFilesInDirectory("--png", png, page.pngFiles(png));
        }
        Path file = StudyReport.write(page, out != null ? out : dir.resolve(StudyReport.FILE_NAME), png);
        String missing = in.missingRecords().warning();
        if (missing != null) {
            System.err.println("regstudy: warning: " + dir + ": " + missing);
        }
        System.out.println("report: " + file.toAbsolutePath());
        if (png != null) {
            System.out.println("charts: " + png.toAbsolutePath());
        }
        return 0;
    }
}
