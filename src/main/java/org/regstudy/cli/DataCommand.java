package org.regstudy.cli;

import picocli.CommandLine.Command;

/** {@code regstudy data}: look at and generate datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Describe a CSV dataset or generate a synthetic one.",
        subcommands = {DataDescribeCommand.class, DataGenerateCommand.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: describe or generate");
    }
}
