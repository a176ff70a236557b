package org.regstudy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.regstudy.report.StudyReport;
import org.regstudy.report.SummaryText;
import org.regstudy.search.Study;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.SpecResolver;
import org.regstudy.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regstudy study SPEC}: a penalty-strength sweep with repeats, verdicts and selections. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {
            "Run a penalty-strength study: every strength (plus a strength-0 baseline) x every repeat.",
            "Prints progress on stderr and the table, the best and 1-SE choices with their held-out test",
            "metric on stdout; writes the result directory (runs/, summary.json, runs.csv, epochs.csv).",
            "Ctrl-C stops after the runs in flight; --resume continues."})
public final class StudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Study spec (.yaml, .yml or .json).")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Result directory (default: results/<study name>).")
    Path out;

    @Option(names = "--resume", description = "Continue an interrupted study in --out, skipping finished runs.")
    boolean resume;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a spec field, e.g. --set training.epochs=50 --set 'penalty.strengths=[0, 1e-3]'.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-report", description = "Do not write report.html into the result directory at the end.")
    boolean noReport;

    @Override
    public Integer call() {
        StudySpec s = SpecLoader.load(spec, overrides);
        ResolvedStudy study = SpecResolver.resolve(s, spec.toString());
        Path dir = out != null ? out : Path.of("results", study.name());
        Study.Outcome outcome;
        try (StopOnSignal signal = new StopOnSignal(System.err)) {
            int total = study.strengths().size() * study.repeats();
            System.err.printf("study %s: %d strengths x %d repeats = %d runs, concurrency %d, into %s%n",
                    study.name(), study.strengths().size(), study.repeats(), total, study.concurrency(), dir);
            outcome = Study.run(study, dir, new Study.Options(resume, new ProgressPrinter(System.err, "runs"), signal.flag()));
            if (outcome.interrupted()) {
                System.err.println("regstudy: stopped with " + outcome.records().size() + " runs stored in " + dir
                        + "; continue with: regstudy study " + spec + " --out " + dir + " --resume");
                return 130;
            }
        }
        System.out.print(SummaryText.study(outcome.summary()));
        System.out.println("results: " + dir.toAbsolutePath());
        if (!noReport) {
            System.out.println("report: " + StudyReport.write(dir, null, null).toAbsolutePath());
        }
        return 0;
    }
}
