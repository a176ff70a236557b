package org.regstudy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.regstudy.search.Study;
import org.regstudy.spec.ResolvedStudy;
import picocli.CommandLine.Command;

/** {@code regstudy study SPEC}: a penalty-strength sweep with repeats, verdicts and selections. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {
            "Run a penalty-strength study: every strength (plus a strength-0 baseline) x every repeat.",
            "Prints progress on stderr, then the study table and the best and 1-SE choices with their "
                    + "held-out test metric on stdout, and writes the result directory (job.json, spec.json, runs/, "
                    + "summary.json, runs.csv, epochs.csv, report.html; network.json with network.configuration). Ctrl-C stops after the runs in flight; --resume continues."})
public final class StudyCommand extends JobCommand implements Callable<Integer> {

    @Override
    String kind() {
        return "study";
    }

    @Override
    Study.Outcome execute(ResolvedStudy study, Path dir, Study.Options options) {
        return study(study, dir, options);
    }

    @Override
    public Integer call() {
        return runJob();
    }
}
