package org.regstudy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.regstudy.data.CsvLoader;
import org.regstudy.data.CsvOptions;
import org.regstudy.data.DatasetSummary;
import org.regstudy.data.TaskType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regstudy data describe <csv>}: prints the dataset summary to stdout. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print rows, features, classes with counts (or the regression target's statistics), per-feature min/mean/max/std, "
                + "the feature-scale spread and the fingerprint of a CSV dataset.")
public final class DataDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CSV", description = "The CSV file.")
    Path file;

    @Option(names = "--label", paramLabel = "COL", description = "Label column: header name or 0-based index (default: last).")
    String label;

    @ArgGroup(exclusive = true)
    HeaderChoice header;

    static final class HeaderChoice {
        @Option(names = "--header", description = "The first line is a header.")
        boolean present;
        @Option(names = "--no-header", description = "The first line is data.")
        boolean absent;
    }

    @Option(names = "--regression", description = "The label is a real-valued target (default: class labels).")
    boolean regression;

    @Override
    public Integer call() {
        CsvOptions.Header h = header == null ? CsvOptions.Header.AUTO
                : header.present ? CsvOptions.Header.PRESENT : CsvOptions.Header.ABSENT;
        if (label != null && h == CsvOptions.Header.ABSENT && !label.chars().allMatch(Character::isDigit)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--label '" + label + "' is a column name but --no-header says there are no names; give an index");
        }
        if (label != null && label.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--label must be a column name or a 0-based index, got '" + label + "'");
        }
        CsvOptions options = new CsvOptions(label, h, regression ? TaskType.REGRESSION : TaskType.CLASSIFICATION, null);
        DatasetSummary summary = DatasetSummary.of(CsvLoader.load(file, options));
        spec.commandLine().getOut().print(summary.toText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
