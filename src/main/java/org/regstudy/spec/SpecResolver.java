package org.regstudy.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regstudy.common.BadInputException;
import org.regstudy.data.CsvLoader;
import org.regstudy.data.CsvOptions;
import org.regstudy.data.Dataset;
import org.regstudy.data.Fingerprint;
import org.regstudy.data.Generators;
import org.regstudy.data.Normalization;
import org.regstudy.data.NormalizationKind;
import org.regstudy.data.NormalizedSplit;
import org.regstudy.data.Sampler;
import org.regstudy.data.SequenceKind;
import org.regstudy.data.SequenceLoader;
import org.regstudy.data.Split;
import org.regstudy.data.SplitSpec;
import org.regstudy.data.Splitter;
import org.regstudy.data.TaskType;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.network.LayerSpec;
import org.regstudy.network.LayerType;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
import org.regstudy.network.OutputSpec;
import org.regstudy.network.UpdaterKind;
import org.regstudy.network.UpdaterSpec;
import org.regstudy.penalty.Convention;
import org.regstudy.penalty.Conventions;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.train.TrainingSettings;

/**
 * Turns a validated {@link StudySpec} into a {@link ResolvedStudy}: loads or generates the data,
 * splits it with the spec's seed, fits the normalizer on the training part, builds the network
 * spec (or loads {@code network.configuration} and checks it against the data) and one penalty plan per strength (with the strength-0 baseline always first), applying the
 * documented defaults.
 */
public final class SpecResolver {

    /** Defaults that the README documents. */
    public static final int DEFAULT_EPOCHS = 100;
    public static final int DEFAULT_BATCH = 32;
    public static final double DEFAULT_VALIDATION = 0.2;
    public static final double DEFAULT_TEST = 0.2;
    public static final long DEFAULT_SEED = 42;

    private SpecResolver() {
    }

    /**
     * Next-value windows (the sequence generator, data.sequence.window) overlap: window i and window
     * j share steps while |i - j| * stride <= window. Dealt out at random (shuffle, the default, or
     * k-fold), nearly every validation and test step is also a training input or label.
     */
    private static void warnIfOverlappingWindowsAreShuffled(StudySpec.DataSpec d, String where) {
        StudySpec.SplitSpec s = d.split();
        boolean shuffled = s != null && (s.folds() != null || Boolean.TRUE.equals(s.shuffle()));
        if (windows(d) && shuffled) {
            org.slf4j.LoggerFactory.getLogger(SpecResolver.class).warn("{}: data.split: the next-value windows overlap,"
                    + " and shuffled (or k-fold) parts share steps with the training part; set data.split.shuffle: false"
                    + " to keep validation and test after training in time", where);
        }
    }

    /**
     * Proximal L1's threshold per step, {@code lr*c}, makes it the proximal-gradient step for
     * {@code loss + c*sum|w|} only under plain SGD. An adaptive or momentum updater's step is about
     * {@code lr} per weight whatever the gradient's size, so there {@code c} is not on {@code l1}'s scale
     * and {@code c >= 1} shrinks a weight by more than a typical step moves it (docs/penalties.md).
     *
     * @param updaters the updaters' names, "sgd" for plain SGD
     */
    private static void warnIfProximalWithAdaptiveUpdater(String kind, List<String> updaters, String where) {
        List<String> other = updaters.stream().filter(u -> !u.equals("sgd")).distinct().toList();
        if ("l1-proximal".equals(kind) && !other.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(SpecResolver.class).warn("{}: penalty.kind: l1-proximal with {}: its"
                    + " soft threshold lr*c is proximal L1 only under sgd; with {} c is not on l1's scale, and c >= 1"
                    + " shrinks a weight by more than a typical step, often zeroing all of them (docs/penalties.md)", where, String.join(", ", other),
                    other.size() == 1 ? other.get(0) : "these");
        }
    }

    /** The names of a loaded configuration's layers' updaters, "sgd" for DL4J's Sgd. */
    private static List<String> updaterNames(org.deeplearning4j.nn.conf.MultiLayerConfiguration conf) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b && b.getIUpdater() != null) {
                names.add(b.getIUpdater().getClass().getSimpleName().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Refuses a training part whose labels are all the same (one class, or a constant regression
     * target): the trivial predictor fits it exactly, its loss L_0 is 0 and no run can be read
     * against it. {@code what} names the part, with the spec and field.
     */
    static void refuseConstantLabels(Dataset train, String what) {
        refuseConstantLabels(train, what, null);
    }

    /**
     * As {@link #refuseConstantLabels(Dataset, String)}; with the {@code split} the training part came from,
     * the advice names a class too rare for any split to give the training part a row of it.
     */
    static void refuseConstantLabels(Dataset train, String what, Split split) {
        INDArray labels = train.labels();
        if (labels.rank() == 3) {
            labels = labels.permute(0, 2, 1).dup('c').reshape(labels.size(0) * labels.size(2), labels.size(1));
        }
        INDArray range = labels.max(0).sub(labels.min(0));
        if (range.maxNumber().doubleValue() != 0) {
            return;
        }
        if (train.task() == TaskType.CLASSIFICATION) {
            int[] counts = train.classCounts();
            long present = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
            String only = train.classNames().get(train.classIndices()[0]);
            throw new BadInputException(what + ": all " + train.size() + " rows are of class '" + only + "' ("
                    + present + " of the data's " + counts.length + " classes); training needs at least 2 classes"
                    + " (" + adviceForMissingClasses(split, "shuffle or stratify the split, or give more training rows") + ")");
        }
        throw new BadInputException(what + ": the target is constant (" + labels.getDouble(0, 0) + " in all "
                + train.size() + " rows); a regression needs a target that varies (shuffle the split, or give more"
                + " training rows)");
    }

    /**
     * Rows (time steps of sequences, over all of them: a class may appear only after the first) of each
     * class in the training, validation and test parts; zeros for an absent or empty part.
     */
    private static long[][] partClassCounts(Split split) {
        long[] train = split.train().stepClassCounts();
        long[] validation = split.validation() == null || split.validation().size() == 0 ? new long[train.length]
                : split.validation().stepClassCounts();
        long[] test = split.test() == null || split.test().size() == 0 ? new long[train.length] : split.test().stepClassCounts();
        return new long[][] {train, validation, test};
    }

    /**
     * What to do about classes the training part lacks: {@code otherwise}, unless such a class has at most
     * 2 rows in all the parts, which no split can share out: then that it needs more rows or none.
     */
    private static String adviceForMissingClasses(Split split, String otherwise) {
        if (split == null || split.train().task() != TaskType.CLASSIFICATION) {
            return otherwise;
        }
        long[][] counts = partClassCounts(split);
        long[] train = counts[0];
        long[] validation = counts[1];
        long[] test = counts[2];
        List<String> rare = new java.util.ArrayList<>();
        for (int c = 0; c < train.length; c++) {
            long total = validation[c] + test[c];
            if (train[c] == 0 && total > 0 && total <= 2) {
                rare.add("'" + split.train().classNames().get(c) + "' has only " + total + " row" + (total == 1 ? "" : "s"));
            }
        }
        return rare.isEmpty() ? otherwise : "class " + String.join(", class ", rare) + " in the data, too few for the"
                + " training part to get one: give more rows of it, or drop them";
    }

    /**
     * A class the validation or test part holds but the training part does not: the network can never
     * predict it, and its validation and test numbers would only measure that (iris in file order:
     * a training part of classes 0 and 1, a test part of class 2, test accuracy 0).
     */
    static void refuseClassesMissingFromTraining(Split split, String what) {
        if (split.train().task() != TaskType.CLASSIFICATION) {
            return;
        }
        long[][] counts = partClassCounts(split);
        long[] train = counts[0];
        long[] validation = counts[1];
        long[] test = counts[2];
        for (int c = 0; c < train.length; c++) {
            if (train[c] == 0 && (validation[c] > 0 || test[c] > 0)) {
                throw new BadInputException(what + ": no row of class '" + split.train().classNames().get(c) + "' ("
                        + validation[c] + " in the validation part, " + test[c] + " in the test part); the network"
                        + " cannot learn a class it never sees (" + adviceForMissingClasses(split,
                        "shuffle or stratify the split, or give more training rows") + ")");
            }
        }
    }

    /** Whether the data are next-value windows (the sequence generator, or data.sequence.window). */
    static boolean windows(StudySpec.DataSpec d) {
        return (d.sequence() != null && d.sequence().window() != null)
                || (d.generator() != null && "sequence".equals(d.generator().kind()));
    }

    /**
     * The split as given, except that windows are split in file order unless {@code shuffle} or
     * {@code folds} is given: training first, then validation, then test, in time (since 2026-12-02;
     * shuffled before, as tables are).
     */
    static StudySpec.SplitSpec effectiveSplit(StudySpec.DataSpec d) {
        StudySpec.SplitSpec s = d.split();
        if (!windows(d) || (s != null && (s.shuffle() != null || s.folds() != null))) {
            return s;
        }
        return s == null ? new StudySpec.SplitSpec(null, null, null, null, null, null, false, null)
                : new StudySpec.SplitSpec(s.validation(), s.test(), s.folds(), s.trainCount(), s.validationCount(),
                        s.testCount(), false, s.stratify());
    }

    /** Resolves {@code spec}; {@code where} names it in error messages. */
    public static ResolvedStudy resolve(StudySpec spec, String where) {
        long seed = spec.seed() == null ? DEFAULT_SEED : spec.seed();
        Dataset dataset = loadData(spec.data(), seed, where);
        warnIfOverlappingWindowsAreShuffled(spec.data(), where);
        List<NormalizedSplit> folds = new ArrayList<>();
        for (Split s : splits(dataset, effectiveSplit(spec.data()), seed, where)) {
            try {
                folds.add(Normalization.fit(s, normalization(spec.data().normalization())));
            } catch (BadInputException e) {
                throw new BadInputException(where + ": data.normalization: " + e.getMessage(), e);
            }
        }
        NormalizedSplit data = folds.get(0);
        for (int f = 0; f < folds.size(); f++) {
            String part = folds.size() == 1 ? "the training part" : "fold " + f + "'s training part";
            refuseConstantLabels(folds.get(f).split().train(), where + ": data.split: " + part, folds.get(f).split());
            refuseClassesMissingFromTraining(folds.get(f).split(), where + ": data.split: " + part);
        }
        if (spec.learningCurve() != null && spec.learningCurve().fractions() != null) {
            Dataset train = data.split().train();
            List<Double> fractions = spec.learningCurve().fractions();
            for (int i = 0; i < fractions.size(); i++) {
                // the rows Study.learningCurve trains on: the first max(2, round(f * n)) of the training part
                int size = Math.max(2, (int) Math.round(fractions.get(i) * train.size()));
                if (size < train.size()) {
                    int[] rows = java.util.stream.IntStream.range(0, size).toArray();
                    refuseConstantLabels(train.rows(rows), where + ": learningCurve.fractions[" + i + "]: "
                            + "its first " + size + " training rows");
                }
            }
        }

        NetworkSpec network = null;
        ConfigurationFile file = null;
        boolean binarySingle;
        List<String> layerNames;
        if (spec.network().configuration() != null) {
            file = ConfigurationFile.load(spec.network().configuration(), dataset, where);
            binarySingle = file.binaryAsSingleOutput();
            layerNames = file.layerNames();
        } else {
            boolean recurrent = spec.network().hidden().stream().anyMatch(l -> "lstm".equals(l.type()));
            if (recurrent != dataset.isSequence()) {
                throw new BadInputException(where + ": network.hidden: " + (recurrent
                        ? "LSTM layers need sequence data (data.generator.kind: sequence, or a data.file with data.sequence)"
                        : "sequence data needs LSTM layers (type: lstm)"));
            }
            boolean classification = dataset.task() == TaskType.CLASSIFICATION;
            OutputSpec output = output(spec.network(), dataset, classification, where);
            binarySingle = classification && output.units() == 1;
            network = network(spec.network(), dataset.numFeatures(), output, seed);
            layerNames = network.layerNames();
        }

        warnIfProximalWithAdaptiveUpdater(spec.penalty().kind(), file == null
                ? List.of(network.updater().kind().name().toLowerCase(Locale.ROOT)) : updaterNames(file.configuration()), where);
        String target = spec.penalty().target() == null ? "weights" : spec.penalty().target();
        List<ResolvedStudy.StrengthPlan> plans = plans(spec.penalty(), layerNames,
                file == null ? Map.of() : file.notPenalizable(target),
                file == null ? java.util.Set.of() : file.skippedByAll(target), where);
        if (network != null) {
            // what network.configuration files get: DL4J initializes and trains the network once on a row
            org.deeplearning4j.nn.conf.MultiLayerConfiguration probe;
            try {
                probe = NetworkFactory.configuration(network, org.regstudy.penalty.PenaltyPlan.none());
            } catch (org.deeplearning4j.exception.DL4JException | IllegalStateException e) {
                // e.g. an output activation the loss cannot take (relu with mcxent): DL4J's builder refuses it
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim();
                throw new BadInputException(where + ": network.output: DL4J refuses the network: " + why, e);
            }
            long parameters = 0;
            for (int i = 0; i < probe.getConfs().size(); i++) {
                org.deeplearning4j.nn.conf.layers.Layer l = probe.getConf(i).getLayer();
                parameters += l.initializer().numParams(l);
            }
            // as for a network.configuration file: units up to 100000 a layer reach a native out-of-memory
            ConfigurationFile.refuseOverParameterLimit(parameters, where + ": network.hidden: ");
            ConfigurationFile.runOnFirstRow(probe, dataset, binarySingle, where + ": network: ");
        }
        if (file != null) {
            // each plan as DL4J will apply it: a part a layer cannot take (the biases of "both" on a
            // layer built without them) is dropped, so the records' plan is the network's
            List<ResolvedStudy.StrengthPlan> applied = new ArrayList<>();
            for (ResolvedStudy.StrengthPlan p : plans) {
                try {
                    applied.add(new ResolvedStudy.StrengthPlan(p.strength(), p.dl4jStrength(),
                            NetworkFactory.readPlan(NetworkFactory.applyPlan(file.configuration(), p.plan()))));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": penalty.layers: " + e.getMessage(), e);
                }
            }
            plans = applied;
        }
        StudySpec.TrainingSpec t = spec.training();
        TrainingSettings training = new TrainingSettings(
                t == null || t.epochs() == null ? DEFAULT_EPOCHS : t.epochs(),
                t == null || t.batchSize() == null ? DEFAULT_BATCH : t.batchSize(),
                t == null || t.recordEvery() == null
                        ? TrainingSettings.defaultRecordEvery(t == null || t.epochs() == null ? DEFAULT_EPOCHS : t.epochs(),
                                data.split().train().size(), data.split().validation().size(),
                                t == null || t.batchSize() == null ? DEFAULT_BATCH : t.batchSize())
                        : t.recordEvery(),
                t == null || t.earlyStoppingPatience() == null ? 0 : t.earlyStoppingPatience(),
                t == null || t.divergenceLimit() == null ? 1e6 : t.divergenceLimit());
        Thresholds d = Thresholds.defaults();
        StudySpec.DiagnosisSpec ds = spec.diagnosis();
        Thresholds thresholds = ds == null ? d : new Thresholds(
                ds.underfitRatio() == null ? d.underfitRatio() : ds.underfitRatio(),
                ds.gapRatio() == null ? d.gapRatio() : ds.gapRatio(),
                ds.riseRatio() == null ? d.riseRatio() : ds.riseRatio(),
                ds.confidence() == null ? d.confidence() : ds.confidence());
        String name = spec.name() != null ? spec.name() : defaultName(dataset.name(), spec.penalty().kind());
        String configurationJson = file == null ? null : file.configuration().toJson();
        String description = (file == null ? describe(network) : file.description())
                + "; " + training.epochs() + " epochs, batch " + (training.batchSize() == 0 ? "full" : training.batchSize());
        return new ResolvedStudy(spec, name, dataset, data, List.copyOf(folds), network, configurationJson, description,
                plans, training, thresholds,
                spec.repeats() == null ? 1 : spec.repeats(), seed,
                spec.concurrency() == null ? 1 : spec.concurrency(),
                spec.keepModels() == null ? "selected" : spec.keepModels(),
                spec.learningCurve() == null ? List.of() : List.copyOf(spec.learningCurve().fractions()),
                describePenalty(spec.penalty()), binarySingle,
                jobHash(spec, dataset.fingerprint(), configurationJson));
    }

    /**
     * The name of a spec without one: {@code <data>-<penalty kind>}, held to the rule a given name
     * follows (1-64 letters, digits, '.', '_' or '-'; it names the default result directory
     * results/<name>): other characters of the data file's name become '_', and a long data name is
     * cut so that the kind stays.
     */
    static String defaultName(String dataName, String kind) {
        String suffix = "-" + kind.replaceAll("[^A-Za-z0-9._-]", "_");
        String base = dataName.replaceAll("[^A-Za-z0-9._-]", "_");
        int room = Math.max(1, 64 - suffix.length());
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    /** One line on a described network: layers, output and loss, updater. */
    static String describe(NetworkSpec network) {
        return network.layerNames().size() + " layers: " + network.inputs() + " inputs, "
                + String.join(", ", network.hidden().stream()
                        .map(l -> l.type().name().toLowerCase(Locale.ROOT) + " " + l.units() + " " + l.activation()).toList())
                + ", output " + network.output().units() + " " + network.output().activation()
                + " (" + network.output().loss() + "); " + network.updater().kind().name().toLowerCase(Locale.ROOT)
                + " lr " + network.updater().learningRate();
    }

    /**
     * Part of every search's job hash: the same spec trains other candidates than before this
     * change (until 2026-12-02 Arbiter's AdamSpace gave them beta1 = beta2 = epsilon = 0.001), so a
     * search directory from before it is another job and cannot be resumed into.
     */
    public static final String SEARCH_SEMANTICS = "search candidates with DL4J's Adam defaults (2026-12-02)";

    /**
     * SHA-256 over the canonical spec JSON and the data fingerprint, without the settings that do not
     * change any run's numbers (concurrency, keepModels, search.maxMinutes), so a job can be resumed
     * with other values for them.
     */
    public static String jobHash(StudySpec spec, Fingerprint data) {
        return jobHash(spec, data, null);
    }

    /**
     * The same, with the configuration loaded from {@code network.configuration} (its JSON, or null):
     * editing that file makes another job.
     */
    public static String jobHash(StudySpec spec, Fingerprint data, String configurationJson) {
        try {
            ObjectNode tree = SpecLoader.json().valueToTree(spec);
            tree.remove("concurrency");
            tree.remove("keepModels");
            if (tree.get("search") instanceof ObjectNode search) {
                search.remove("maxMinutes");
            }
            String canonical = SpecLoader.json().copy()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(SpecLoader.json().treeToValue(tree, Object.class));
            String network = configurationJson == null ? ""
                    : "\n" + Fingerprint.sha256Hex(configurationJson.getBytes(StandardCharsets.UTF_8));
            String semantics = (spec.search() == null ? "" : "\n" + SEARCH_SEMANTICS)
                    + (spec.data() != null && effectiveSplit(spec.data()) != spec.data().split()
                            ? "\nwindows split in file order by default (2026-12-02)" : "");
            return Fingerprint.sha256Hex((canonical + "\n" + data.sha256() + network + semantics)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash spec: " + e.getMessage(), e);
        }
    }

    static Dataset loadData(StudySpec.DataSpec d, long seed, String where) {
        if (d.file() != null) {
            CsvOptions o = CsvOptions.defaults();
            if (d.label() != null) {
                o = o.withLabelColumn(d.label());
            }
            if (d.header() != null) {
                o = o.withHeader(CsvOptions.Header.valueOf(d.header().toUpperCase(Locale.ROOT)));
            }
            if (d.task() != null) {
                o = o.withTask(TaskType.valueOf(d.task().toUpperCase(Locale.ROOT)));
            }
            StudySpec.SequenceSpec q = d.sequence();
            if (q == null) {
                return CsvLoader.load(Path.of(d.file()), o);
            }
            try {
                return q.window() != null
                        ? SequenceLoader.slidingWindows(Path.of(d.file()), d.task() == null ? o.withTask(TaskType.REGRESSION) : o,
                                q.window(), q.stride() == null ? 1 : q.stride())
                        : SequenceLoader.groups(Path.of(d.file()), o, q.group());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + ": data.sequence: " + e.getMessage(), e);
            }
        }
        StudySpec.GeneratorSpec g = d.generator();
        long s = g.seed() == null ? seed : g.seed();
        int n = g.n() == null ? Generators.DEFAULT_N : g.n();
        double noise = g.noise() == null ? Generators.DEFAULT_MOONS_NOISE : g.noise();
        try {
            return switch (g.kind()) {
                case "moons" -> Generators.moons(n, noise, s, g.sampler() == null ? Sampler.REGSTUDY : Sampler.parse(g.sampler()));
                case "irrelevant" -> Generators.irrelevantFeatures(n,
                        g.relevant() == null ? Generators.DEFAULT_RELEVANT : g.relevant(),
                        g.irrelevant() == null ? Generators.DEFAULT_IRRELEVANT : g.irrelevant(), s);
                case "sequence" -> Generators.sequence(
                        SequenceKind.valueOf((g.series() == null ? "sine" : g.series()).toUpperCase(Locale.ROOT)),
                        g.length() == null ? Generators.DEFAULT_SEQUENCE_LENGTH : g.length(),
                        g.window() == null ? Generators.DEFAULT_WINDOW : g.window(),
                        g.noise() == null ? Generators.DEFAULT_SEQUENCE_NOISE : g.noise(), s);
                default -> throw new BadInputException(where + ": data.generator.kind: unknown '" + g.kind() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": data.generator: " + e.getMessage());
        }
    }

    /** The holdout split, or the k folds when {@code data.split.folds} is set. */
    static List<Split> splits(Dataset dataset, StudySpec.SplitSpec s, long seed, String where) {
        if (s == null || s.folds() == null) {
            return List.of(split(dataset, s, seed, where));
        }
        boolean classification = dataset.task() == TaskType.CLASSIFICATION;
        try {
            return Splitter.kFold(dataset, s.folds(), classification && (s.stratify() == null || s.stratify()),
                    s.test() == null ? DEFAULT_TEST : s.test(), seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": data.split: " + e.getMessage());
        }
    }

    static Split split(Dataset dataset, StudySpec.SplitSpec s, long seed, String where) {
        boolean classification = dataset.task() == TaskType.CLASSIFICATION;
        try {
            if (s != null && s.validationCount() != null) {
                int test = s.testCount() == null ? 0 : s.testCount();
                int n = dataset.size();
                int train = s.trainCount();
                if (train + s.validationCount() + test > n) {
                    throw new BadInputException(where + ": data.split: trainCount + validationCount + testCount = "
                            + (train + s.validationCount() + test) + " exceeds the " + n + " rows of the data");
                }
                boolean shuffle = s.shuffle() == null || s.shuffle();
                // In file order ("first 30 train, last 70 validation") the rows are taken as they
                // stand unless stratification is asked for explicitly.
                boolean stratify = classification && (s.stratify() == null ? shuffle : s.stratify());
                Split full = Splitter.holdout(dataset, new SplitSpec(s.validationCount(), test, shuffle, stratify), seed);
                if (full.train().size() == train) {
                    return full;
                }
                // Fewer training rows than the rest: draw the training part from the rest the same way
                // (stratified when asked; in file order, its first trainCount rows), leaving the others out.
                Dataset pool = full.train();
                Split sub = Splitter.holdout(pool, new SplitSpec(pool.size() - train, 0, shuffle, stratify), seed + 1);
                int[] keep = java.util.Arrays.stream(sub.trainRows()).map(i -> full.trainRows()[i]).toArray();
                return new Split(sub.train(), full.validation(), full.test(), keep, full.validationRows(),
                        full.testRows());
            }
            double v = s == null || s.validation() == null ? DEFAULT_VALIDATION : s.validation();
            double t = s == null || s.test() == null ? DEFAULT_TEST : s.test();
            boolean shuffle = s == null || s.shuffle() == null || s.shuffle();
            boolean stratify = classification && (s == null || s.stratify() == null ? shuffle : s.stratify());
            return Splitter.holdout(dataset, new SplitSpec(v, t, shuffle, stratify), seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": data.split: " + e.getMessage());
        }
    }

    static NormalizationKind normalization(String s) {
        if (s == null || s.equals("standardize")) {
            return NormalizationKind.STANDARDIZE;
        }
        return switch (s) {
            case "minmax" -> NormalizationKind.MIN_MAX;
            case "minmax-global" -> NormalizationKind.GLOBAL_MIN_MAX;
            default -> NormalizationKind.NONE;
        };
    }

    static OutputSpec output(StudySpec.NetworkSection n, Dataset data, boolean classification, String where) {
        StudySpec.OutputSection o = n.output();
        String loss = o == null || o.loss() == null ? (classification ? "mcxent" : "mse") : o.loss();
        int units = data.numOutputs();
        boolean singleOutput = classification && units == 2 && loss.equalsIgnoreCase("xent");
        if (singleOutput) {
            units = 1;
        }
        String activation = o != null && o.activation() != null ? o.activation()
                : singleOutput ? "sigmoid" : classification ? "softmax" : "identity";
        if (units == 1 && activation.equalsIgnoreCase("softmax")) {
            throw new BadInputException(where + ": network.output.activation: softmax over a single output is always 1;"
                    + " use sigmoid with loss xent for two classes");
        }
        return new OutputSpec(units, name(activation).toLowerCase(Locale.ROOT), name(loss));
    }

    static NetworkSpec network(StudySpec.NetworkSection n, int inputs, OutputSpec output, long seed) {
        NetworkSpec.Builder b = NetworkSpec.builder().inputs(inputs).seed(seed);
        for (int i = 0; i < n.hidden().size(); i++) {
            StudySpec.LayerSection l = n.hidden().get(i);
            LayerType type = "lstm".equals(l.type()) ? LayerType.LSTM : LayerType.DENSE;
            String act = l.activation() == null ? (type == LayerType.LSTM ? "tanh" : "relu") : l.activation();
            b.layer(new LayerSpec(type, l.units(), name(act).toLowerCase(Locale.ROOT), l.name()));
        }
        b.output(output.units(), output.activation(), output.loss());
        StudySpec.UpdaterSection u = n.updater();
        if (u != null) {
            double lr = u.learningRate() == null ? 1e-3 : u.learningRate();
            String kind = u.kind() == null ? "adam" : u.kind();
            b.updater(switch (kind) {
                case "sgd" -> UpdaterSpec.sgd(lr);
                case "nesterovs" -> UpdaterSpec.nesterovs(lr, u.momentum() == null ? 0.9 : u.momentum());
                case "adamw" -> UpdaterSpec.adamW(lr, u.weightDecay() == null ? 0.01 : u.weightDecay());
                default -> UpdaterSpec.adam(lr);
            });
        }
        if (n.weightInit() != null) {
            b.weightInit(name(n.weightInit()));
        }
        if ("float64".equals(n.dataType())) {
            b.dataType(DataType.DOUBLE);
        }
        return b.build();
    }

    /** A DL4J enum name as the validator accepts it: case-insensitive, '-' for '_' ("xavier-uniform"). */
    static String name(String s) {
        return s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The sorted strengths (0 added when absent) and a plan for each.
     *
     * @param notPenalizable layers that cannot carry a penalty, with the reason (a loaded configuration's
     *     layers without parameters, and wrapper layers); naming one is an error
     * @param skippedByAll those of them "all layers" passes over (no parameters DL4J penalizes)
     */
    static List<ResolvedStudy.StrengthPlan> plans(StudySpec.PenaltySpec p, List<String> names,
                                                  Map<Integer, String> notPenalizable, java.util.Set<Integer> skippedByAll,
                                                  String where) {
        TreeSet<Double> strengths = new TreeSet<>();
        strengths.add(0.0);
        if (p.strengths() != null) {
            strengths.addAll(p.strengths());
        } else if (p.range() != null) {
            strengths.addAll(logSpace(p.range().min(), p.range().max(), p.range().points()));
        }
        if ("none".equals(p.kind())) {
            strengths.clear();
            strengths.add(0.0);
        }
        boolean all = p.layers() == null || p.layers().equals(List.of("all"));
        List<Integer> layers = new ArrayList<>();
        List<Integer> listed = layerIndices(p.layers(), names, where);
        for (int k = 0; k < listed.size(); k++) {
            int i = listed.get(k);
            String why = notPenalizable.get(i);
            if (why == null) {
                layers.add(i);
            } else if (!(all && skippedByAll.contains(i)) && !"none".equals(p.kind())) {
                throw new BadInputException(where + ": penalty.layers" + (all ? "" : "[" + k + "]") + ": layer " + i
                        + " '" + names.get(i) + "' " + why + (all ? "; list the layers to penalize" : ""));
            }
        }
        if (layers.isEmpty() && !"none".equals(p.kind())) {
            throw new BadInputException(where + ": penalty.layers: no layer of the network can carry a penalty");
        }
        Map<Integer, Double> scales = new java.util.HashMap<>();
        if (p.layerScale() != null) {
            for (Map.Entry<String, Double> e : p.layerScale().entrySet()) {
                int index;
                try {
                    index = indexOf(e.getKey(), names);
                } catch (BadInputException x) {
                    throw new BadInputException(where + ": penalty.layerScale." + e.getKey() + ": " + x.getMessage(), x);
                }
                if (!layers.contains(index)) {
                    throw new BadInputException(where + ": penalty.layerScale." + e.getKey() + ": not a penalized layer (penalized: "
                            + String.join(", ", layers.stream().map(i -> i + " " + names.get(i)).toList()) + ")");
                }
                if (scales.put(index, e.getValue()) != null) {
                    throw new BadInputException(where + ": penalty.layerScale." + e.getKey() + ": layer " + index
                            + " is scaled twice (by index and by name)");
                }
            }
        }
        List<ResolvedStudy.StrengthPlan> out = new ArrayList<>();
        for (double s : strengths) {
            PenaltyPlan.Builder plan = PenaltyPlan.builder().defaults(LayerPenalty.none());
            double dl4jSum = 0;
            if (s > 0) {
                for (int layer : layers) {
                    double scale = scales.getOrDefault(layer, 1.0);
                    Penalty penalty;
                    try {
                        penalty = penalty(p, s * scale);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException(where + ": penalty: " + e.getMessage());
                    }
                    String target = p.target() == null ? "weights" : p.target();
                    Penalty none = Penalty.none();
                    LayerPenalty lp = new LayerPenalty(target.equals("biases") ? none : penalty,
                            target.equals("weights") ? none : penalty);
                    plan.layer(layer, lp);
                    dl4jSum += penalty.strength();
                }
            }
            try {
                PenaltyPlan built = plan.build();
                built.validateAgainst(names);
                out.add(new ResolvedStudy.StrengthPlan(s, dl4jSum, built));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + ": penalty.layers: " + e.getMessage());
            }
        }
        return out;
    }

    /** The DL4J penalty for strength {@code s} written in the spec's convention. */
    static Penalty penalty(StudySpec.PenaltySpec p, double s) {
        Convention convention = Convention.valueOf((p.convention() == null ? "dl4j" : p.convention()).toUpperCase(Locale.ROOT));
        Penalty written = switch (p.kind()) {
            case "l1" -> Penalty.l1(s);
            case "l1-proximal" -> Penalty.l1Proximal(s);
            case "l2" -> Penalty.l2(s);
            case "elastic-net" -> Penalty.elasticNetRatio(s, p.l1Ratio() == null ? 0.5 : p.l1Ratio());
            case "weight-decay" -> Penalty.weightDecay(s, p.applyLearningRate() == null || p.applyLearningRate());
            default -> Penalty.none();
        };
        return Conventions.toDl4j(convention, written);
    }

    static List<Integer> layerIndices(List<String> layers, List<String> names, String where) {
        try {
            return layerIndices(layers, names);
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The indices of the layers {@code penalty.layers} names: each entry an index ({@code "0"}) or a
     * layer name; null or {@code ["all"]} for every layer. The one reading of that field, for studies
     * and searches.
     *
     * @throws BadInputException naming the entry ({@code penalty.layers[1]: ...}) and the layers there are
     */
    public static List<Integer> layerIndices(List<String> layers, List<String> names) {
        List<Integer> out = new ArrayList<>();
        if (layers == null || layers.equals(List.of("all"))) {
            for (int i = 0; i < names.size(); i++) {
                out.add(i);
            }
            return out;
        }
        for (int i = 0; i < layers.size(); i++) {
            String l = layers.get(i);
            int index;
            try {
                index = indexOf(l, names);
            } catch (BadInputException e) {
                throw new BadInputException("penalty.layers[" + i + "]: " + e.getMessage(), e);
            }
            if (index < 0 && l.matches("\\d+")) {
                throw new BadInputException("penalty.layers[" + i + "]: layer " + l + " does not exist; the network has "
                        + names.size() + " layers (0.." + (names.size() - 1) + ": " + String.join(", ", names) + ")");
            }
            if (index < 0) {
                throw new BadInputException("penalty.layers[" + i + "]: no layer named '" + l + "' (layers: "
                        + String.join(", ", names) + ")");
            }
            if (out.contains(index)) {
                throw new BadInputException("penalty.layers[" + i + "]: layer " + index + " '" + names.get(index)
                        + "' is listed twice");
            }
            out.add(index);
        }
        return out;
    }

    /**
     * The layer {@code ref} names: digits are an index ("01" is layer 1; beyond the last layer, a
     * layer's name if one has it), anything else a name; -1 when there is none.
     *
     * @throws BadInputException when two layers have that name (a loaded configuration may)
     */
    static int indexOf(String ref, List<String> names) {
        if (ref.matches("\\d+")) {
            String digits = ref.replaceFirst("^0+(?=\\d)", "");
            int index = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            int named = names.indexOf(ref);
            if (named >= 0 && named != index && index < names.size()) {
                throw new BadInputException("'" + ref + "' is layer " + index + " by index but the name of layer " + named
                        + "; rename the layer");
            }
            return index < names.size() ? index : named;
        }
        int index = names.indexOf(ref);
        if (index >= 0 && names.lastIndexOf(ref) != index) {
            throw new BadInputException("layers " + index + " and " + names.lastIndexOf(ref) + " are both named '" + ref
                    + "'; use the index");
        }
        return index;
    }

    /** {@code points} values from {@code min} to {@code max}, evenly spaced in log10. */
    public static List<Double> logSpace(double min, double max, int points) {
        List<Double> out = new ArrayList<>();
        double a = Math.log10(min);
        double b = Math.log10(max);
        for (int i = 0; i < points; i++) {
            double e = points == 1 ? a : a + (b - a) * i / (points - 1);
            // Round to 12 significant digits so 10^-3 prints as 0.001, not 0.0010000000000000002.
            out.add(Double.parseDouble(String.format(Locale.ROOT, "%.12g", Math.pow(10, e))));
        }
        return out;
    }

    static String describePenalty(StudySpec.PenaltySpec p) {
        StringBuilder sb = new StringBuilder(p.kind());
        if (p.kind().equals("elastic-net")) {
            sb.append(" (l1Ratio ").append(p.l1Ratio() == null ? 0.5 : p.l1Ratio()).append(')');
        }
        sb.append(" on ").append(p.target() == null ? "weights" : p.target());
        sb.append(" of layers ").append(p.layers() == null ? "all" : String.join(", ", p.layers()));
        sb.append(", ").append(p.convention() == null ? "dl4j" : p.convention()).append(" convention");
        return sb.toString();
    }
}
