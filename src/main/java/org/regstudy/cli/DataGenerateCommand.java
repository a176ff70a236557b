package org.regstudy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.regstudy.common.BadInputException;
import org.regstudy.data.DatasetCsv;
import org.regstudy.data.Generators;
import org.regstudy.data.Sampler;
import org.regstudy.data.SequenceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code regstudy data generate moons|irrelevant|sequence ... --seed S --out FILE}: writes a
 * generated dataset as CSV (header row, label last) atomically. {@code --sampler sklearn} (moons only)
 * draws scikit-learn's {@code make_moons} sample.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a seeded synthetic dataset as CSV (header row, label last). "
                + "moons: --n --noise --sampler; irrelevant: --n --relevant --irrelevant; "
                + "sequence: --kind sine|ar --length --noise (writes the series as one column 'x').")
public final class DataGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "moons, irrelevant or sequence.")
    String kind;

    @Option(names = "--n", description = "Number of examples (default " + Generators.DEFAULT_N + ").")
    Integer n;

    @Option(names = "--noise", description = "Noise standard deviation (moons default " + Generators.DEFAULT_MOONS_NOISE
            + ", sequence default " + Generators.DEFAULT_SEQUENCE_NOISE + ").")
    Double noise;

    @Option(names = "--relevant", description = "irrelevant: relevant features (default " + Generators.DEFAULT_RELEVANT + ").")
    Integer relevant;

    @Option(names = "--irrelevant", description = "irrelevant: irrelevant features (default "
            + Generators.DEFAULT_IRRELEVANT + ").")
    Integer irrelevant;

    @Option(names = "--kind", description = "sequence: sine or ar (default sine).")
    String seriesKind;

    @Option(names = "--length", description = "sequence: number of steps (default " + Generators.DEFAULT_SEQUENCE_LENGTH + ").")
    Integer length;

    @Option(names = "--sampler", paramLabel = "SAMPLER", description = "moons: regstudy (default, RegStudy's own RNG) or "
            + "sklearn (numpy RandomState: the sample of sklearn.datasets.make_moons(n, noise=..., random_state=seed); "
            + "seed 0 .. 2^31-1).")
    String sampler;

    @Option(names = "--seed", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV file.")
    Path out;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        OutputPaths.checkFile("--out", out, java.util.List.of()); // a directory, or under a file
        OutputPaths.checkNotResultFile("--out", out, null, null); // never a study's summary.json, runs/...
        if (Files.exists(out) && !force) {
            throw new BadInputException(out + ": already exists (use --force to overwrite)");
        }
        Sampler smp = sampler == null ? Sampler.REGSTUDY : parseSampler(sampler);
        if (smp == Sampler.SKLEARN && !"moons".equals(kind.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("--sampler: sklearn reproduces make_moons only; generator '" + kind
                    + "' uses the regstudy sampler");
        }
        String what;
        try {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "moons" -> {
                    reject("moons", relevant, "--relevant", irrelevant, "--irrelevant", seriesKind, "--kind", length, "--length");
                    var d = Generators.moons(n == null ? Generators.DEFAULT_N : n,
                            noise == null ? Generators.DEFAULT_MOONS_NOISE : noise, seed, smp);
                    DatasetCsv.write(d, out);
                    what = d.size() + " rows, " + d.fingerprint().description();
                }
                case "irrelevant" -> {
                    reject("irrelevant", noise, "--noise", seriesKind, "--kind", length, "--length", null, null);
                    var d = Generators.irrelevantFeatures(n == null ? Generators.DEFAULT_N : n,
                            relevant == null ? Generators.DEFAULT_RELEVANT : relevant,
                            irrelevant == null ? Generators.DEFAULT_IRRELEVANT : irrelevant, seed);
                    DatasetCsv.write(d, out);
                    what = d.size() + " rows, " + d.fingerprint().description();
                }
                case "sequence" -> {
                    reject("sequence", n, "--n", relevant, "--relevant", irrelevant, "--irrelevant", null, null);
                    SequenceKind k = parseKind(seriesKind == null ? "sine" : seriesKind);
                    int len = length == null ? Generators.DEFAULT_SEQUENCE_LENGTH : length;
                    double nz = noise == null ? Generators.DEFAULT_SEQUENCE_NOISE : noise;
                    DatasetCsv.writeSeries(Generators.series(k, len, nz, seed), "x", out);
                    what = len + " steps, generator=series kind=" + k + " length=" + len + " noise=" + nz + " seed=" + seed;
                }
                default -> throw new BadInputException("KIND: unknown generator '" + kind + "' (expected moons, irrelevant or sequence)");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(kind + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new BadInputException("--out " + out + ": cannot write (" + org.regstudy.common.AtomicFiles.reason(e.getCause()) + ")", e);
        }
        spec.commandLine().getOut().println("wrote " + out + " (" + what + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Sampler parseSampler(String s) {
        try {
            return Sampler.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--sampler: " + e.getMessage());
        }
    }

    private static SequenceKind parseKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "sine" -> SequenceKind.SINE;
            case "ar" -> SequenceKind.AR;
            default -> throw new BadInputException("--kind: unknown series '" + s + "' (expected sine or ar)");
        };
    }

    private static void reject(String gen, Object a, String an, Object b, String bn, Object c, String cn, Object d, String dn) {
        Object[] vals = {a, b, c, d};
        String[] names = {an, bn, cn, dn};
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] != null) {
                throw new BadInputException(names[i] + ": not an option of generator '" + gen + "'");
            }
        }
    }
}
