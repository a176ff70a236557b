package org.regstudy.notebook;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.regstudy.common.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a notebook's code cells headless with JShell, in this JVM, on this JVM's class path.
 *
 * <p>One JShell per notebook (start-up costs a few seconds); cells run in order and share
 * declarations. A cell may hold several statements and declarations: they are split with
 * {@link SourceCodeAnalysis#analyzeCompletion} and evaluated one by one. Lines whose first
 * non-blank character is {@code %} (IJava/JJava magics such as {@code %jars}) are skipped. No
 * imports are predefined, so a notebook that runs here also runs in any Java kernel.
 *
 * <p>Per cell the runner records stdout and stderr ({@code System.out}/{@code System.err} are
 * redirected while the notebook runs, then restored), what the cell showed through
 * {@link Display}, and the value of the cell's last snippet when that is an expression. The run
 * stops at the first compile error, exception, unresolved reference or time-out; that cell gets
 * an {@code error} output and later cells keep no outputs.
 *
 * <p>Because {@code System.out} and {@link Display} are process-wide, one notebook runs at a
 * time per JVM (calls are serialized). A cell calling {@code System.exit} ends the JVM.
 */
public final class NotebookRunner {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunner.class);
    private static final Object LOCK = new Object();

    private NotebookRunner() {
    }

    /**
     * Reads {@code in}, runs it, and writes the result to {@code out} (atomically) whether the run
     * succeeded or failed, so a failed run shows where it stopped.
     *
     * @throws BadInputException when {@code in} is not a readable nbformat 4 Java notebook
     */
    public static RunResult runFile(Path in, Path out, RunOptions options) {
        if (in == null || out == null || options == null) {
            throw new IllegalArgumentException("in, out and options must not be null");
        }
        Notebook nb = Notebook.read(in);
        RunResult result = run(nb, in.getFileName().toString(), options);
        result.notebook().write(out);
        return result;
    }

    /**
     * Runs every code cell of {@code notebook}; {@code name} is used in messages.
     *
     * @return the notebook with outputs, and the failure if a cell failed
     */
    public static RunResult run(Notebook notebook, String name, RunOptions options) {
        if (notebook == null || name == null || options == null) {
            throw new IllegalArgumentException("notebook, name and options must not be null");
        }
        synchronized (LOCK) {
            return runLocked(notebook, name, options);
        }
    }

    private static RunResult runLocked(Notebook notebook, String name, RunOptions options) {
        long start = System.nanoTime();
        List<CodeCell> cells = notebook.codeCells();
        Notebook current = notebook.withoutOutputs();
        PrintStream origOut = System.out;
        PrintStream origErr = System.err;
        ClassLoader origContext = Thread.currentThread().getContextClassLoader();
        RoutingStream routeOut = new RoutingStream("stdout", origOut);
        RoutingStream routeErr = new RoutingStream("stderr", origErr);
        PrintStream cellOut = new PrintStream(routeOut, true, StandardCharsets.UTF_8);
        PrintStream cellErr = new PrintStream(routeErr, true, StandardCharsets.UTF_8);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-timeout");
            t.setDaemon(true);
            return t;
        });
        int cellsRun = 0;
        Optional<CellFailure> failure = Optional.empty();
        System.setOut(cellOut);
        System.setErr(cellErr);
        Display.runnerSmall(options.small());
        try (JShell shell = JShell.builder()
                .executionEngine(new SnippetLoader.Provider(NotebookRunner.class.getClassLoader()), Map.of())
                .in(new ByteArrayInputStream(new byte[0]))
                .out(cellOut)
                .err(cellErr)
                .build()) {
            for (String entry : classPath()) {
                shell.addToClasspath(entry);
            }
            LOG.debug("{}: JShell ready after {} ms", name, (System.nanoTime() - start) / 1_000_000);
            if (options.timeout() != null) {
                long remaining = options.timeout().toNanos() - (System.nanoTime() - start);
                timer.schedule(() -> {
                    timedOut.set(true);
                    shell.stop();
                }, Math.max(0, remaining), TimeUnit.NANOSECONDS);
            }
            for (CodeCell cell : cells) {
                cellsRun++;
                options.progress().accept(name + ": cell " + cell.number() + "/" + cells.size()
                        + " (index " + cell.index() + ") running");
                long t0 = System.nanoTime();
                OutputCollector collector = new OutputCollector();
                routeOut.target(collector);
                routeErr.target(collector);
                Display.attach(collector);
                CellFailure f;
                try {
                    f = new CellRun(shell, name, cell, collector, cellsRun, timedOut, options.timeout()).run();
                } finally {
                    Display.attach(null);
                    cellOut.flush();
                    cellErr.flush();
                    routeOut.target(null);
                    routeErr.target(null);
                }
                current = current.withOutputs(cell.index(), cellsRun, collector.finish());
                double secs = (System.nanoTime() - t0) / 1e9;
                options.progress().accept(String.format(Locale.ROOT, "%s: cell %d/%d %s in %.1f s",
                        name, cell.number(), cells.size(), f == null ? "done" : "FAILED", secs));
                if (f != null) {
                    failure = Optional.of(f);
                    break;
                }
            }
        } finally {
            timer.shutdownNow();
            Display.attach(null);
            Display.runnerSmall(null);
            System.setOut(origOut);
            System.setErr(origErr);
            Thread.currentThread().setContextClassLoader(origContext);
        }
        return new RunResult(current, cells.size(), cellsRun, failure, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The class path of this JVM: {@code java.class.path}, plus the {@code Class-Path} entries of
     * jar manifests (surefire and some launchers put the real class path in a manifest-only jar).
     */
    static List<String> classPath() {
        Set<String> out = new LinkedHashSet<>();
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            addEntry(Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize(), out, 0);
        }
        return List.copyOf(out);
    }

    private static void addEntry(Path p, Set<String> out, int depth) {
        if (!Files.exists(p) || !out.add(p.toString()) || depth > 2 || Files.isDirectory(p)) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest mf = jar.getManifest();
            String extra = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (extra == null) {
                return;
            }
            for (String ref : extra.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                try {
                    java.net.URI uri = p.toUri().resolve(ref);
                    if ("file".equals(uri.getScheme())) {
                        addEntry(Path.of(uri).normalize(), out, depth + 1);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.debug("ignoring class path reference {} in {}: {}", ref, p, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read manifest of {}: {}", p, e.getMessage());
        }
    }

    /** Removes magic lines ({@code %...}, {@code %%...}), keeping line numbers. */
    static String stripMagics(String source) {
        return source.lines()
                .map(l -> l.stripLeading().startsWith("%") ? "" : l)
                .collect(Collectors.joining("\n"));
    }

    /** The evaluation of one cell. */
    private static final class CellRun {
        private final JShell shell;
        private final String name;
        private final CodeCell cell;
        private final OutputCollector collector;
        private final int executionCount;
        private final AtomicBoolean timedOut;
        private final Duration timeout;

        CellRun(JShell shell, String name, CodeCell cell, OutputCollector collector, int executionCount,
                AtomicBoolean timedOut, Duration timeout) {
            this.shell = shell;
            this.name = name;
            this.cell = cell;
            this.collector = collector;
            this.executionCount = executionCount;
            this.timedOut = timedOut;
            this.timeout = timeout;
        }

        /** Evaluates the cell; returns null on success, else the failure (after adding an error output). */
        CellFailure run() {
            String src = stripMagics(cell.source());
            SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
            String remaining = src;
            String lastValue = null;
            while (!remaining.isBlank()) {
                if (timedOut.get()) {
                    return timeoutFailure();
                }
                int contentStart = src.length() - remaining.length() + leadingBlank(remaining);
                int snippetLine = lineOf(src, contentStart);
                SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(remaining);
                String snippetSource;
                switch (ci.completeness()) {
                    case EMPTY:
                        return null;
                    case DEFINITELY_INCOMPLETE:
                    case CONSIDERED_INCOMPLETE:
                        return fail(CellFailure.Kind.INCOMPLETE, "CompilationException",
                                "incomplete code at line " + snippetLine + ": " + firstLine(remaining.strip())
                                        + " (a statement or declaration is not finished)",
                                List.of());
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        snippetSource = ci.source();
                        remaining = ci.remaining();
                        break;
                    default: // UNKNOWN: let the compiler say what is wrong
                        snippetSource = ci.source() != null && !ci.source().isBlank() ? ci.source() : remaining;
                        remaining = ci.source() != null && !ci.source().isBlank() ? ci.remaining() : "";
                        break;
                }
                List<SnippetEvent> events;
                try {
                    events = shell.eval(snippetSource);
                } catch (IllegalStateException e) {
                    return fail(CellFailure.Kind.ENGINE, "IllegalStateException",
                            "JShell failed: " + e.getMessage(), List.of());
                }
                // JShell's completion analysis sometimes hands back two declarations as one
                // snippet (e.g. after a switch expression with "default -> throw ...;"), and eval
                // then defines only the first, silently: put the rest back to be evaluated next.
                String unevaluated = unevaluatedTail(snippetSource, events);
                if (!unevaluated.isBlank()) {
                    remaining = unevaluated + "\n" + remaining;
                }
                if (timedOut.get()) {
                    return timeoutFailure();
                }
                lastValue = null;
                for (SnippetEvent ev : events) {
                    if (ev.causeSnippet() != null) {
                        continue;
                    }
                    Snippet sn = ev.snippet();
                    if (ev.status() == Snippet.Status.REJECTED) {
                        return compileError(sn, snippetSource, src, contentStart);
                    }
                    JShellException ex = ev.exception();
                    if (ex != null) {
                        return exception(ex);
                    }
                    if (ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && sn instanceof DeclarationSnippet d) {
                        String deps = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                        return fail(CellFailure.Kind.UNRESOLVED_REFERENCE, "CompilationException",
                                "line " + snippetLine + ": " + d.name() + " cannot be defined: unresolved " + deps,
                                List.of());
                    }
                    if (ev.value() != null && isExpression(sn)) {
                        lastValue = ev.value();
                    }
                }
            }
            if (lastValue != null) {
                collector.add(new CellOutput.ExecuteResult(executionCount, lastValue));
            }
            return null;
        }

        private static boolean isExpression(Snippet sn) {
            return sn.kind() == Snippet.Kind.EXPRESSION
                    || (sn.kind() == Snippet.Kind.VAR && sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
        }

        /**
         * A rejected snippet: the compiler's first error, with its line in the cell ({@code contentStart}
         * is where the snippet's text, after leading blanks, starts in the cell's source).
         */
        private CellFailure compileError(Snippet sn, String snippetSource, String cellSource, int contentStart) {
            int snippetLine = lineOf(cellSource, contentStart);
            List<Diag> diags = shell.diagnostics(sn).collect(Collectors.toList());
            Diag d = diags.stream().filter(Diag::isError).findFirst().orElse(diags.isEmpty() ? null : diags.get(0));
            String msg;
            List<String> tb = new ArrayList<>();
            if (d == null) {
                msg = "compile error at line " + snippetLine + ": rejected: " + firstLine(snippetSource.strip());
            } else {
                long pos = Math.max(0, Math.min(d.getStartPosition(), snippetSource.length()));
                int line = lineOf(cellSource, contentStart + Math.max(0, (int) pos - leadingBlank(snippetSource)));
                msg = "compile error at line " + line + ": " + d.getMessage(Locale.ROOT)
                        .lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
                int ls = snippetSource.lastIndexOf('\n', (int) pos - 1) + 1;
                int le = snippetSource.indexOf('\n', (int) pos);
                String codeLine = snippetSource.substring(ls, le < 0 ? snippetSource.length() : le);
                tb.add(codeLine);
                tb.add(" ".repeat((int) pos - ls) + "^");
            }
            tb.add(0, msg);
            return fail(CellFailure.Kind.COMPILE_ERROR, "CompilationException", msg, tb);
        }

        private CellFailure exception(JShellException ex) {
            if (ex instanceof UnresolvedReferenceException ure) {
                DeclarationSnippet d = ure.getSnippet();
                String deps = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                String msg = d.name() + " cannot be used until " + (deps.isEmpty() ? "its dependencies are" : deps + " is")
                        + " declared";
                return fail(CellFailure.Kind.UNRESOLVED_REFERENCE, "UnresolvedReferenceException", msg, List.of(msg));
            }
            String cls = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
            String text = ex.getMessage() == null ? cls : cls + ": " + ex.getMessage();
            List<String> tb = new ArrayList<>();
            Throwable t = ex;
            boolean first = true;
            int guard = 0;
            while (t != null && guard++ < 10) {
                String tc = t instanceof EvalException e2 ? e2.getExceptionClassName() : t.getClass().getName();
                tb.add((first ? "" : "Caused by: ") + (t.getMessage() == null ? tc : tc + ": " + t.getMessage()));
                for (StackTraceElement el : t.getStackTrace()) {
                    // JShell rewrites the snippet's own frames to an empty class and file "#<snippet id>"
                    tb.add("\tat " + (el.getClassName().isEmpty()
                            ? "cell code (snippet " + el.getFileName() + ", line " + el.getLineNumber() + ")" : el));
                    if (el.getClassName().startsWith("REPL.")) {
                        break; // the snippet's frame; below it is JShell's machinery
                    }
                }
                first = false;
                t = t.getCause() == t ? null : t.getCause();
            }
            return fail(CellFailure.Kind.EXCEPTION, cls, ex.getMessage() == null ? "" : ex.getMessage(), text, tb);
        }

        private CellFailure timeoutFailure() {
            String msg = "timed out: the run's limit of " + describe(timeout) + " passed during this cell";
            return fail(CellFailure.Kind.TIMEOUT, "TimeoutException", msg, List.of(msg));
        }

        private CellFailure fail(CellFailure.Kind kind, String ename, String message, List<String> traceback) {
            return fail(kind, ename, message, message, traceback);
        }

        /** Adds the error output ({@code evalue} as Jupyter shows it) and returns the failure. */
        private CellFailure fail(CellFailure.Kind kind, String ename, String evalue, String message,
                List<String> traceback) {
            CellFailure f = new CellFailure(name, cell.number(), cell.index(), kind, message);
            collector.add(new CellOutput.Error(ename, evalue, traceback.isEmpty() ? List.of(f.message()) : traceback));
            return f;
        }
    }

    private static String describe(Duration d) {
        if (d == null) {
            return "(none)";
        }
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? (s / 60) + " min" : d.toMillis() / 1000.0 + " s";
    }

    /** 1-based line number of character {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * What of {@code source} the evaluated method or type declaration did not cover: the text
     * after its body's closing brace ("" when nothing follows, or for other kinds of snippet).
     */
    static String unevaluatedTail(String source, List<SnippetEvent> events) {
        if (events.isEmpty()) {
            return "";
        }
        jdk.jshell.Snippet.Kind kind = events.get(0).snippet().kind();
        if (kind != jdk.jshell.Snippet.Kind.METHOD && kind != jdk.jshell.Snippet.Kind.TYPE_DECL) {
            return "";
        }
        int end = endOfFirstBlock(source);
        if (end < 0) {
            return "";
        }
        String tail = source.substring(end).strip();
        return tail.equals(";") ? "" : tail;
    }

    /**
     * Index just after the brace that closes the first top-level {@code { ... }} block of Java
     * source, skipping braces inside string, text-block and char literals and comments; -1 if none.
     */
    static int endOfFirstBlock(String src) {
        int depth = 0;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int nl = src.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (src.startsWith("/*", i)) {
                int close = src.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int close = src.indexOf("\"\"\"", i + 3);
                while (close > 0 && src.charAt(close - 1) == '\\') {
                    close = src.indexOf("\"\"\"", close + 1);
                }
                i = close < 0 ? n : close + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
        }
        return -1;
    }
}
