package org.regstudy.cli;

import java.io.PrintWriter;
import org.regstudy.common.BadInputException;
import org.regstudy.common.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code regstudy} command. Exit codes: 0 success, 2 bad usage or bad input (one line on
 * stderr), 1 internal failure, 130 interrupted.
 */
@Command(
        name = "regstudy",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Weight regularization studies for Deeplearning4j networks: "
                + "L1, L2, elastic net and weight decay, per layer; searches; over/underfitting verdicts.",
        subcommands = {
            DataCommand.class,
            StudyCommand.class,
            SearchCommand.class,
            ResultsCommand.class,
            InspectCommand.class,
            ReportCommand.class,
            NotebookCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main {

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int EXIT_INTERNAL = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors, and every problem a spec check found (RegStudy's debug log:"
                    + " -Dregstudy.log.level=DEBUG in REGSTUDY_JAVA_OPTS).")
    boolean verbose;

    public static void main(String[] args) {
        // before anything touches ND4J: its backend classes are read from system properties at start
        org.regstudy.common.Nd4jSetup.applyDefaults();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this in-process). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line with all subcommands and error handling. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    private static boolean verbose(CommandLine cl) {
        Object root = cl.getCommandSpec().root().userObject();
        return root instanceof Main m && m.verbose;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("regstudy: " + oneLine(e.getMessage())
                + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable cause = e;
        while (!(cause instanceof BadInputException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        int code;
        if (cause instanceof BadInputException bad) {
            err.println("regstudy: " + oneLine(cause.getMessage()));
            if (verbose(cl)) {
                for (String more : bad.furtherProblems()) {
                    err.println("regstudy: also: " + oneLine(more));
                }
            }
            code = EXIT_BAD_INPUT;
        } else if (e instanceof InterruptedException) {
            err.println("regstudy: interrupted");
            code = 130;
        } else {
            err.println("regstudy: internal error: " + oneLine(String.valueOf(e)) + (verbose(cl) ? "" : " (--verbose shows the stack trace)"));
            code = EXIT_INTERNAL;
        }
        if (verbose(cl)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The first line of a message, so errors stay one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        // a value quoted from a crafted file must not reach the terminal as escape sequences
        return org.regstudy.common.TerminalText.printable((nl < 0 ? message : message.substring(0, nl)).strip());
    }

    /** Reads versions from the jars on the class path. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return Versions.current().describe().split(System.lineSeparator());
        }
    }
}
