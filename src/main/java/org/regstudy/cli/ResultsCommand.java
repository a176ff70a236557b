package org.regstudy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.regstudy.common.BadInputException;
import org.regstudy.report.SummaryText;
import org.regstudy.search.ResultStore;
import org.regstudy.search.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regstudy results DIR}: the leaderboard of a study or search directory. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Print the leaderboard of a study or search result directory, with verdicts and the "
                + "selections' held-out test metric.")
public final class ResultsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Result directory of a study or search.")
    Path dir;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "val-loss",
            description = "val-loss (default, lowest first), metric (best first: accuracy descending, RMSE ascending)"
                    + " or gap (smallest mean gap/L0 first).")
    String sort;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Show the first N candidates (default 20).")
    int top;

    @Override
    public Integer call() {
        SummaryText.Sort order = switch (sort) {
            case "val-loss" -> SummaryText.Sort.VAL_LOSS;
            case "metric" -> SummaryText.Sort.METRIC;
            case "gap" -> SummaryText.Sort.GAP;
            default -> throw new BadInputException("--sort: expected val-loss, metric or gap, got '" + sort + "'");
        };
        if (top < 1) {
            throw new BadInputException("--top: must be >= 1, got " + top);
        }
        StudySummary summary = ResultStore.read(dir).readSummary();
        // names and reasons come from the directory's files: control characters shown, not sent to the terminal
        System.out.print(SummaryText.leaderboard(summary, order, top).lines()
                .map(org.regstudy.common.TerminalText::printable).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining()));
        return 0;
    }
}
