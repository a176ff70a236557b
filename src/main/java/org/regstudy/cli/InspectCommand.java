package org.regstudy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.regstudy.inspect.InspectionJson;
import org.regstudy.inspect.InspectionText;
import org.regstudy.inspect.ModelInspection;
import org.regstudy.inspect.ModelInspector;
import org.regstudy.inspect.ModelZipValidator;
import org.regstudy.inspect.SparsityThreshold;
import org.regstudy.report.InspectionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regstudy inspect MODEL.zip [MODEL2.zip ...]}: per-layer penalties and weight statistics. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Inspect saved DL4J models: per-layer penalties, weight norms, sparsity, histograms.",
            "Shows per layer the regularization stored in the model zip, the penalty term, weight norms "
                    + "(L1, L2, max, spectral), sparsity and histograms; with several models a side-by-side "
                    + "comparison. Files are validated (zip structure, entry names, sizes) before DL4J reads them."})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL.zip", description = "DL4J model zips (ModelSerializer format).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--json", description = "Print a versioned JSON document instead of tables.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the inspection as a self-contained HTML page (tables, histogram charts).")
    Path html;

    @Option(names = "--force", description = "Replace the --html file even if RegStudy did not write it.")
    boolean force;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "Absolute sparsity threshold: |w| < E counts as zero.")
    Double epsilon;

    @Option(names = "--relative-epsilon", paramLabel = "R",
            description = "Relative sparsity threshold: |w| < R x max|w| of the array (R in [0, 1); default 1e-3).")
    Double relativeEpsilon;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "20",
            description = "Histogram bins (default ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--max-uncompressed-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Refuse zips whose entries inflate beyond this many MiB (default ${DEFAULT-VALUE}).")
    long maxUncompressedMb;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (epsilon != null && relativeEpsilon != null) {
            throw new CommandLine.ParameterException(cl, "--epsilon and --relative-epsilon exclude each other");
        }
        if (relativeEpsilon != null && !(relativeEpsilon >= 0 && relativeEpsilon < 1)) {
            // a share of the layer's max |w|: 1 or more calls every weight sparse
            throw new CommandLine.ParameterException(cl, "--relative-epsilon must be in [0, 1) (a share of each array's"
                    + " max |w|), got " + relativeEpsilon);
        }
        SparsityThreshold t;
        try {
            t = epsilon != null ? SparsityThreshold.absolute(epsilon)
                    : relativeEpsilon != null ? SparsityThreshold.relative(relativeEpsilon)
                    : SparsityThreshold.defaults();
        } catch (IllegalArgumentException e) {
            // only --epsilon reaches here: --relative-epsilon outside [0, 1) (NaN too) is refused above
            throw new CommandLine.ParameterException(cl, "--epsilon must be finite and >= 0, got " + epsilon);
        }
        if (bins < 1 || bins > 1000) {
            throw new CommandLine.ParameterException(cl, "--bins must be between 1 and 1000, got " + bins);
        }
        if (maxUncompressedMb < 1 || maxUncompressedMb > (1L << 30)) {
            throw new CommandLine.ParameterException(cl, "--max-uncompressed-mb must be between 1 and "
                    + (1L << 30) + ", got " + maxUncompressedMb);
        }
        if (html != null) {
            OutputPaths.checkFile("--html", html, models);
            OutputPaths.checkNotResultFile("--html", html, null, null);
            OutputPaths.checkOverwritable("--html", html, force);
        }
        ModelZipValidator.Limits limits = ModelZipValidator.Limits.uncompressed(maxUncompressedMb << 20);
        List<ModelInspection> inspections = new ArrayList<>();
        for (Path p : models) {
            inspections.add(ModelInspector.inspect(p, t, bins, limits));
        }
        PrintWriter out = cl.getOut();
        if (html != null) {
            try {
                InspectionReport.build(inspections, t).write(html);
            } catch (java.io.UncheckedIOException e) {
                throw new org.regstudy.common.BadInputException("--html " + html + ": " + e.getMessage(), e);
            }
            cl.getErr().println("html: " + html.toAbsolutePath());
        }
        if (json) {
            out.println(InspectionJson.write(inspections, t));
        } else {
            for (int i = 0; i < inspections.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                out.print(InspectionText.single(inspections.get(i), t));
            }
            if (inspections.size() > 1) {
                out.println();
                out.print(InspectionText.compare(inspections));
            }
        }
        out.flush();
        return 0;
    }
}
