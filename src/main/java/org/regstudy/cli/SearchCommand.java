package org.regstudy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.regstudy.search.Study;
import org.regstudy.spec.ResolvedStudy;
import picocli.CommandLine.Command;

/** {@code regstudy search SPEC}: an Arbiter-driven search over penalty strengths. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {
            "Run an Arbiter search over penalty strengths (the spec's search: block).",
            "Grid or random over log-scale strengths, one shared or one per layer, optionally learning rate, "
                    + "width and dropout. Every candidate's repeats are trained and recorded like a study's, plus an "
                    + "unregularized baseline. Prints progress on stderr and the leaderboard with the selections' "
                    + "held-out test metric on stdout. Ctrl-C stops after the candidates in flight; --resume continues."})
public final class SearchCommand extends JobCommand implements Callable<Integer> {

    @Override
    String kind() {
        return "search";
    }

    @Override
    Study.Outcome execute(ResolvedStudy study, Path dir, Study.Options options) {
        return search(study, dir, options);
    }

    @Override
    public Integer call() {
        return runJob();
    }
}
