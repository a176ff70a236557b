package org.regstudy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.regstudy.notebook.CellFailure;
import org.regstudy.notebook.NotebookRunner;
import org.regstudy.notebook.RunOptions;
import org.regstudy.notebook.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regstudy notebook run NB.ipynb}: executes a Java notebook headless and writes its outputs. */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Jupyter notebooks for a Java kernel (IJava/JJava), run without Jupyter.",
        subcommands = {NotebookCommand.Run.class})
public final class NotebookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run");
    }

    /** {@code regstudy notebook run}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Executes every code cell of a notebook with JShell in this JVM, on RegStudy's class "
                    + "path, and writes the outputs (text, values, PNG charts) into the notebook.",
                "Lines starting with %% (kernel magics such as %%jars) are skipped. The run stops at the first "
                    + "failing cell; the notebook is written anyway, with the error as that cell's output.",
                "Exit codes: 0 every cell ran, 1 a cell failed (or timed out), 2 the file is not a readable "
                    + "nbformat 4 Java notebook."})
    public static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NB.ipynb", description = "The notebook to run.")
        Path notebook;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write the executed notebook (default: in place, atomically).")
        Path out;

        @Option(names = "--small",
                description = "Small settings: Display.small() returns true in the cells (notebooks use fewer "
                        + "epochs, strengths and repeats).")
        boolean small;

        @Option(names = "--force", description = "Replace an existing --out file (other than the notebook itself).")
        boolean force;

        @Option(names = "--timeout-minutes", paramLabel = "N", defaultValue = "0",
                description = "Stop the run after N minutes (0 = no limit; default ${DEFAULT-VALUE}).")
        long timeoutMinutes;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (timeoutMinutes < 0 || timeoutMinutes > 100_000) {
                throw new CommandLine.ParameterException(cl,
                        "--timeout-minutes must be between 0 and 100000, got " + timeoutMinutes);
            }
            if (Files.isDirectory(notebook)) {
                throw new org.regstudy.common.BadInputException(notebook + ": is a directory; give a notebook file (.ipynb)");
            }
            Path target = out != null ? out : notebook;
            if (out != null) {
                // checked before any cell runs: a bad --out would lose every output at the end
                OutputPaths.checkFile("--out", out, java.util.List.of());
                OutputPaths.checkNotResultFile("--out", out, null, null); // never a study's summary.json, runs/...
                boolean inPlace = Files.exists(out) && OutputPaths.same(out, notebook);
                if (Files.exists(out) && !inPlace && !force) {
                    throw new org.regstudy.common.BadInputException("--out " + out
                            + ": already exists; add --force to replace it");
                }
            }
            PrintWriter err = cl.getErr();
            RunOptions options = RunOptions.defaults()
                    .withSmall(small)
                    .withTimeout(timeoutMinutes == 0 ? null : Duration.ofMinutes(timeoutMinutes))
                    .withProgress(line -> {
                        err.println(line);
                        err.flush();
                    });
            RunResult result = NotebookRunner.runFile(notebook, target, options);
            if (result.failure().isPresent()) {
                CellFailure f = result.failure().get();
                err.println("regstudy: " + f.oneLine());
                err.println("regstudy: notebook run failed at cell " + f.cellNumber() + "/" + result.codeCells()
                        + "; outputs up to that cell written to " + target);
                err.flush();
                return Main.EXIT_INTERNAL;
            }
            PrintWriter o = cl.getOut();
            o.println(String.format(Locale.ROOT, "%s: %d code cells ran in %.1f s%s; written to %s",
                    notebook.getFileName(), result.cellsRun(), result.elapsed().toMillis() / 1000.0,
                    small ? " (--small)" : "", target));
            o.flush();
            return 0;
        }
    }
}
