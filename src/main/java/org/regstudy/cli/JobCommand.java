package org.regstudy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regstudy.common.BadInputException;
import org.regstudy.report.StudyReport;
import org.regstudy.report.SummaryText;
import org.regstudy.search.Search;
import org.regstudy.search.Study;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.SpecResolver;
import org.regstudy.spec.StudySpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code study} and {@code search} share: the spec with {@code --set} overrides, the result
 * directory with {@code --resume}, progress on stderr, Ctrl-C handling, the table on stdout.
 */
abstract class JobCommand {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (.yaml, .yml or .json).")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Result directory (default: results/<name>).")
    Path out;

    @Option(names = "--resume", description = "Continue an interrupted job in --out, skipping finished runs.")
    boolean resume;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a spec field, e.g. --set training.epochs=50 --set 'penalty.strengths=[0, 1e-3]'.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-report", description = "Do not write report.html at the end.")
    boolean noReport;

    /** "study" or "search". */
    abstract String kind();

    /** Runs the job (its progress goes to stderr). */
    abstract Study.Outcome execute(ResolvedStudy study, Path dir, Study.Options options);

    /** Loads, checks and runs the job; returns the exit code. */
    final int runJob() {
        StudySpec s = SpecLoader.load(spec, overrides);
        boolean searching = "search".equals(kind());
        if (searching && s.search() == null) {
            throw new BadInputException(spec + ": search: the spec has no search: block; run it with 'regstudy study'");
        }
        if (!searching && s.search() != null) {
            throw new BadInputException(spec + ": search: the spec has a search: block; run it with 'regstudy search'");
        }
        // as SpecLoader names it: a value a --set gave is not the file's
        String where = overrides == null || overrides.isEmpty() ? spec.toString() : spec + " (after --set)";
        ResolvedStudy study = SpecResolver.resolve(s, where);
        Path dir = out != null ? out : Path.of("results", study.name());
        try (StopOnSignal signal = new StopOnSignal(System.err)) {
            String header = String.format("%s %s: %d repeat%s, concurrency %d, into %s", kind(), study.name(),
                    study.repeats(), study.repeats() == 1 ? "" : "s", study.concurrency(), dir);
            Study.Outcome outcome;
            try {
                outcome = execute(study, dir, new Study.Options(resume,
                        new ProgressPrinter(System.err, "runs", header), signal.flag()));
            } catch (BadInputException e) {
                // the search block's checks that need Arbiter's space (the grid's size) name the field, not the file
                if (e.getMessage() != null && e.getMessage().startsWith("search.")) {
                    throw new BadInputException(where + ": " + e.getMessage(), e);
                }
                throw e;
            }
            if (outcome.interrupted()) {
                System.err.println("regstudy: stopped with " + outcome.records().size() + " runs stored in " + dir
                        + "; continue with: regstudy " + kind() + " " + spec + " --out " + dir + " --resume"
                        + overrides.stream().map(o -> " --set '" + o.replace("'", "'\\''") + "'")
                                .collect(java.util.stream.Collectors.joining())
                        + (noReport ? " --no-report" : ""));
                return 130;
            }
            signal.jobFinished(dir.toString());
            System.out.print(searching ? SummaryText.leaderboard(outcome.summary(), SummaryText.Sort.VAL_LOSS, 10)
                    : SummaryText.study(outcome.summary()));
            System.out.println("results: " + dir.toAbsolutePath());
            if (!noReport) {
                System.out.println("report: " + StudyReport.write(dir, null, null).toAbsolutePath());
            }
            System.out.flush();
            return 0;
        }
    }

    /** Runs a study. */
    static Study.Outcome study(ResolvedStudy study, Path dir, Study.Options options) {
        return Study.run(study, dir, options);
    }

    /** Runs a search. */
    static Study.Outcome search(ResolvedStudy study, Path dir, Study.Options options) {
        return Search.run(study, dir, options);
    }
}
