package org.regstudy.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.common.BadInputException;
import org.regstudy.data.NumpyRandomState;
import org.regstudy.spec.StudySpec.DataSpec;
import org.regstudy.spec.StudySpec.GeneratorSpec;
import org.regstudy.spec.StudySpec.LayerSection;
import org.regstudy.spec.StudySpec.NetworkSection;
import org.regstudy.spec.StudySpec.PenaltySpec;
import org.regstudy.spec.StudySpec.RangeSpec;
import org.regstudy.spec.StudySpec.SearchSpec;
import org.regstudy.spec.StudySpec.SplitSpec;
import org.regstudy.spec.StudySpec.TrainingSpec;

/**
 * Checks a bound spec before any training: required sections, ranges, names of activations,
 * losses and kinds, existing files. The first problem becomes a one-line
 * {@link BadInputException} naming the field's path, e.g.
 * {@code spec.yaml: penalty.strengths[2]: must be >= 0, got -1.0}; the count of further
 * problems follows it.
 */
public final class SpecValidator {

    public static final Set<String> PENALTY_KINDS = Set.of("none", "l1", "l1-proximal", "l2", "elastic-net", "weight-decay");
    public static final Set<String> CONVENTIONS = Set.of("dl4j", "keras", "pytorch");
    public static final Set<String> TARGETS = Set.of("weights", "biases", "both");
    public static final Set<String> GENERATORS = Set.of("moons", "irrelevant", "sequence");
    public static final Set<String> SERIES = Set.of("sine", "ar");
    public static final Set<String> SAMPLERS = Set.of("regstudy", "sklearn");
    public static final Set<String> NORMALIZATIONS = Set.of("none", "standardize", "minmax", "minmax-global");
    public static final Set<String> HEADERS = Set.of("auto", "present", "absent");
    public static final Set<String> TASKS = Set.of("classification", "regression");
    /** The most candidates a search runs (random: search.candidates; grid: the whole grid or its bound). */
    public static final int MAX_SEARCH_CANDIDATES = 100_000;
    /** The widest hidden layer, in network.hidden[].units and search.units. */
    public static final int MAX_UNITS = 100_000;
    /**
     * The largest penalty strength (and layerScale factor): far past any useful one, and small enough
     * that a strength times its scale, convention and layers stays finite (1e308 summed to Infinity).
     */
    public static final double MAX_STRENGTH = 1e6;
    public static final Set<String> LAYER_TYPES = Set.of("dense", "lstm");
    public static final Set<String> UPDATERS = Set.of("sgd", "nesterovs", "adam", "adamw");
    public static final Set<String> DATA_TYPES = Set.of("float32", "float64");
    public static final Set<String> KEEP_MODELS = Set.of("none", "selected", "all");
    public static final Set<String> SEARCH_METHODS = Set.of("grid", "random");
    public static final Set<String> SEARCH_STRENGTHS = Set.of("shared", "per-layer");

    private final List<String> errors = new ArrayList<>();

    private SpecValidator() {
    }

    /** Validates {@code spec} read from {@code where}; throws on the first problem found. */
    public static void validate(StudySpec spec, String where) {
        SpecValidator v = new SpecValidator();
        v.check(spec);
        if (!v.errors.isEmpty()) {
            String more = v.errors.size() > 1 ? " (and " + (v.errors.size() - 1) + " more problem"
                    + (v.errors.size() > 2 ? "s" : "") + "; --verbose lists them)" : "";
            throw new BadInputException(where + ": " + v.errors.get(0) + more,
                    v.errors.subList(1, v.errors.size()).stream().map(e -> where + ": " + e).toList());
        }
    }

    private void error(String path, String message) {
        errors.add(path + ": " + message);
    }

    private void check(StudySpec s) {
        // the name is the default result directory results/<name>: one plain path segment
        if (s.name() != null && (!s.name().matches("[A-Za-z0-9._-]{1,64}") || s.name().equals(".")
                || s.name().equals(".."))) {
            error("name", "must be 1-64 letters, digits, '.', '_' or '-' and not '.' or '..' (it names the default"
                    + " result directory results/<name>), got '" + s.name() + "'");
        }
        if (s.data() == null) {
            error("data", "required section is missing (a file or a generator)");
        } else {
            checkData(s.data());
            GeneratorSpec g = s.data().generator();
            if (g != null && "sklearn".equals(g.sampler()) && g.seed() == null && s.seed() != null
                    && (s.seed() < 0 || s.seed() > NumpyRandomState.MAX_SEED)) {
                error("seed", "data.generator.sampler sklearn (numpy RandomState) takes a seed in 0 .. "
                        + NumpyRandomState.MAX_SEED + ", got " + s.seed() + "; set data.generator.seed");
            }
        }
        if (s.network() == null) {
            error("network", "required section is missing");
        } else {
            checkNetwork(s.network());
        }
        if (s.training() != null) {
            checkTraining(s.training());
        }
        if (s.penalty() == null) {
            error("penalty", "required section is missing");
        } else {
            checkPenalty(s.penalty(), s.search() != null);
            // AdamW's own decay would stand on the baseline and be replaced by each candidate's: the
            // strength-0 baseline then carried decay 0.01 and a candidate of 0.001 less than it
            if (s.network() != null && s.network().updater() != null && "adamw".equals(s.network().updater().kind())
                    && "weight-decay".equals(s.penalty().kind())
                    && (s.network().updater().weightDecay() == null || s.network().updater().weightDecay() > 0)) {
                error("network.updater.weightDecay", "with penalty.kind weight-decay the strengths are the decay; use"
                        + " updater kind adam (DL4J's AdamW is Adam with decoupled weight decay), or set weightDecay: 0"
                        + " (AdamW's own decay, 0.01 unless given, would stand on the unregularized baseline)");
            }
        }
        atLeast("repeats", s.repeats(), 1);
        atMost("repeats", s.repeats(), 1000);
        atLeast("concurrency", s.concurrency(), 1);
        atMost("concurrency", s.concurrency(), 64);
        oneOf("keepModels", s.keepModels(), KEEP_MODELS);
        if (s.diagnosis() != null) {
            positive("diagnosis.underfitRatio", s.diagnosis().underfitRatio());
            nonNegative("diagnosis.gapRatio", s.diagnosis().gapRatio());
            if (s.diagnosis().riseRatio() != null && !(s.diagnosis().riseRatio() >= 1)) {
                error("diagnosis.riseRatio", "must be >= 1, got " + s.diagnosis().riseRatio());
            }
            Double c = s.diagnosis().confidence();
            if (c != null && !(c > 0 && c < 1)) {
                error("diagnosis.confidence", "must be between 0 and 1 (exclusive), got " + c);
            }
        }
        if (s.learningCurve() != null) {
            List<Double> f = s.learningCurve().fractions();
            if (f == null || f.isEmpty()) {
                error("learningCurve.fractions", "must list at least one fraction in (0, 1]");
            } else {
                for (int i = 0; i < f.size(); i++) {
                    Double x = f.get(i);
                    if (x == null || !(x > 0 && x <= 1)) {
                        error("learningCurve.fractions[" + i + "]", "must be in (0, 1], got " + x);
                    }
                }
            }
        }
        if (s.search() != null) {
            checkSearch(s.search(), s.penalty() != null && "none".equals(s.penalty().kind()));
            if (s.data() != null && s.data().split() != null && s.data().split().folds() != null) {
                error("data.split.folds", "k-fold is for studies; a search uses a holdout split (validation, test)");
            }
            if (s.learningCurve() != null) {
                error("learningCurve", "learning curves are drawn by studies, not searches; remove it or run a study");
            }
            if (s.penalty() != null && s.penalty().layerScale() != null) {
                error("penalty.layerScale", "a search varies strengths per layer itself (search.strengths: per-layer)");
            }
            if (s.penalty() != null && s.penalty().strengths() != null) {
                error("penalty.strengths", "a search takes its strengths from search.strengthRange; remove it or run a study");
            }
            if (s.penalty() != null && s.penalty().range() != null) {
                error("penalty.range", "a search takes its strengths from search.strengthRange; remove it or run a study");
            }
            if (s.penalty() != null && "none".equals(s.penalty().kind()) && s.search().learningRate() == null
                    && s.search().units() == null && s.search().dropout() == null) {
                error("penalty.kind", "none leaves a search nothing to vary (no search.learningRate, units or dropout);"
                        + " the unpenalized baseline is trained anyway");
            }
            if (s.network() != null && s.network().configuration() != null) {
                error("network.configuration", "a search builds its networks from network.hidden/output (Arbiter's"
                        + " layer spaces); a configuration file is for studies");
            }
        }
    }

    private void checkData(DataSpec d) {
        if ((d.file() == null) == (d.generator() == null)) {
            error("data", "give exactly one of data.file and data.generator");
        }
        if (d.file() != null) {
            checkRelativePath("data.file", d.file(), true);
        }
        if (d.sequence() != null) {
            StudySpec.SequenceSpec q = d.sequence();
            if (d.file() == null) {
                error("data.sequence", "applies to data.file; the sequence generator makes its own windows");
            }
            if ((q.window() == null) == (q.group() == null)) {
                error("data.sequence", "give window (next-value windows over the rows) or group (a column whose"
                        + " runs of equal values are the sequences)");
            }
            atLeast("data.sequence.window", q.window(), 2);
            atLeast("data.sequence.stride", q.stride(), 1);
            if (q.stride() != null && q.window() == null) {
                error("data.sequence.stride", "applies to data.sequence.window");
            }
            if (q.window() != null && d.task() != null && !"regression".equals(d.task())) {
                error("data.task", "windows predict the next value of the label series (regression), got '"
                        + d.task() + "'");
            }
            if (q.group() != null && q.group().isBlank()) {
                error("data.sequence.group", "must be a column name or a 0-based index");
            }
        }
        if (d.generator() != null) {
            GeneratorSpec g = d.generator();
            if (g.kind() == null) {
                error("data.generator.kind", "required; one of " + sorted(GENERATORS));
            } else {
                oneOf("data.generator.kind", g.kind(), GENERATORS);
            }
            notFor(g.kind(), Set.of("irrelevant"), "data.generator.noise", g.noise() != null);
            notFor(g.kind(), Set.of("sequence"), "data.generator.n", g.n() != null);
            for (var f : new Object[][] {{"relevant", g.relevant()}, {"irrelevant", g.irrelevant()}}) {
                notFor(g.kind(), Set.of("moons", "sequence"), "data.generator." + f[0], f[1] != null);
            }
            for (var f : new Object[][] {{"series", g.series()}, {"length", g.length()}, {"window", g.window()}}) {
                notFor(g.kind(), Set.of("moons", "irrelevant"), "data.generator." + f[0], f[1] != null);
            }
            for (var f : new Object[][] {{"label", d.label()}, {"header", d.header()}, {"task", d.task()}}) {
                if (f[1] != null) {
                    error("data." + f[0], "applies to data.file; a generator sets its own columns and task");
                }
            }
            atLeast("data.generator.n", g.n(), 4);
            atMost("data.generator.n", g.n(), 10_000_000);
            nonNegative("data.generator.noise", g.noise());
            if (g.noise() != null && g.noise() > org.regstudy.data.Generators.MAX_NOISE) {
                error("data.generator.noise", "must be <= " + org.regstudy.data.Generators.MAX_NOISE
                        + " (the data are of order 1 and become float32), got " + g.noise());
            }
            atLeast("data.generator.relevant", g.relevant(), 1);
            atLeast("data.generator.irrelevant", g.irrelevant(), 0);
            oneOf("data.generator.series", g.series(), SERIES);
            atLeast("data.generator.length", g.length(), 8);
            atLeast("data.generator.window", g.window(), 2);
            if (g.length() != null && g.window() != null && g.window() >= g.length()) {
                error("data.generator.window", "must be smaller than length (" + g.length() + "), got " + g.window());
            }
            oneOf("data.generator.sampler", g.sampler(), SAMPLERS);
            if ("sklearn".equals(g.sampler())) {
                if (g.kind() != null && !"moons".equals(g.kind())) {
                    error("data.generator.sampler", "sklearn reproduces make_moons only; generator '" + g.kind()
                            + "' uses the regstudy sampler");
                }
                if (g.seed() != null && (g.seed() < 0 || g.seed() > NumpyRandomState.MAX_SEED)) {
                    error("data.generator.seed", "the sklearn sampler (numpy RandomState) takes a seed in 0 .. "
                            + NumpyRandomState.MAX_SEED + ", got " + g.seed());
                }
            }
        }
        if (d.label() != null && d.label().isBlank()) {
            error("data.label", "must be a column name or a 0-based index, got '" + d.label() + "'");
        } else if (d.label() != null && "absent".equals(d.header()) && !d.label().matches("[0-9]+")) {
            error("data.label", "'" + d.label() + "' is a column name, but with data.header absent the columns have"
                    + " none; give its 0-based index");
        }
        oneOf("data.header", d.header(), HEADERS);
        oneOf("data.task", d.task(), TASKS);
        oneOf("data.normalization", d.normalization(), NORMALIZATIONS);
        SplitSpec sp = d.split();
        if (sp != null) {
            boolean fractions = sp.validation() != null || sp.test() != null;
            boolean counts = sp.trainCount() != null || sp.validationCount() != null || sp.testCount() != null;
            if (fractions && counts) {
                error("data.split", "give fractions (validation, test) or counts (trainCount, validationCount, testCount), not both");
            }
            if (sp.validation() != null && !(sp.validation() > 0 && sp.validation() < 1)) {
                error("data.split.validation", "must be in (0, 1), got " + sp.validation());
            }
            if (sp.test() != null && !(sp.test() >= 0 && sp.test() < 1)) {
                error("data.split.test", "must be in [0, 1), got " + sp.test());
            }
            double v = sp.validation() == null ? 0.2 : sp.validation();
            double t = sp.test() == null ? 0.2 : sp.test();
            if (fractions && sp.folds() == null && v + t >= 1) {
                error("data.split", "validation + test must leave training rows, got " + v + " + " + t);
            }
            atLeast("data.split.folds", sp.folds(), 2);
            atMost("data.split.folds", sp.folds(), 100);
            if (sp.folds() != null && (counts || sp.validation() != null)) {
                error("data.split.folds", "k-fold takes only test (a fraction) beside it: each fold is the validation part in turn");
            }
            if (sp.folds() != null && Boolean.FALSE.equals(sp.shuffle())) {
                error("data.split.shuffle", "k-fold always deals shuffled rows into folds; remove shuffle: false");
            }
            atLeast("data.split.trainCount", sp.trainCount(), 1);
            atLeast("data.split.validationCount", sp.validationCount(), 1);
            atLeast("data.split.testCount", sp.testCount(), 0);
            if (counts && (sp.trainCount() == null || sp.validationCount() == null)) {
                error("data.split", "with counts, give both trainCount and validationCount");
            }
        }
    }

    private void checkNetwork(NetworkSection n) {
        if (n.configuration() != null) {
            checkRelativePath("network.configuration", n.configuration(), true);
            if (n.hidden() != null || n.output() != null) {
                error("network", "give either network.configuration or network.hidden/output, not both");
            }
            if (n.updater() != null || n.weightInit() != null || n.dataType() != null) {
                error(n.updater() != null ? "network.updater" : n.weightInit() != null ? "network.weightInit" : "network.dataType",
                        "set by the file network.configuration names; remove it here (the file's updater,"
                                + " weight init and data type are used)");
            }
        } else {
            if (n.hidden() == null || n.hidden().isEmpty()) {
                error("network.hidden", "must list at least one hidden layer");
            } else {
                for (int i = 0; i < n.hidden().size(); i++) {
                    LayerSection l = n.hidden().get(i);
                    String p = "network.hidden[" + i + "]";
                    if (l == null) {
                        error(p, "must be a layer (type, units, activation)");
                        continue;
                    }
                    oneOf(p + ".type", l.type(), LAYER_TYPES);
                    boolean recurrent = n.hidden().stream().anyMatch(o -> o != null && "lstm".equals(o.type()));
                    if (recurrent && !"lstm".equals(l.type() == null ? "dense" : l.type())) {
                        error(p + ".type", "dense in a recurrent network; every hidden layer of an LSTM network is lstm");
                    }
                    if (l.units() == null) {
                        error(p + ".units", "required");
                    }
                    atLeast(p + ".units", l.units(), 1);
                    atMost(p + ".units", l.units(), MAX_UNITS);
                    activation(p + ".activation", l.activation());
                    if (l.name() != null && !l.name().matches("[A-Za-z0-9_-]{1,64}")) {
                        error(p + ".name", "must be 1-64 letters, digits, '_' or '-', got '" + l.name() + "'");
                    }
                    uniqueLayerName(n.hidden(), i);
                }
            }
            if (n.output() != null) {
                activation("network.output.activation", n.output().activation());
                if (n.output().loss() != null && !enumNames(LossFunctions.LossFunction.class).contains(upper(n.output().loss()))) {
                    error("network.output.loss", "unknown loss '" + n.output().loss() + "'; one of "
                            + enumNames(LossFunctions.LossFunction.class).stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList());
                }
            }
        }
        if (n.updater() != null) {
            oneOf("network.updater.kind", n.updater().kind(), UPDATERS);
            positive("network.updater.learningRate", n.updater().learningRate());
            if (n.updater().momentum() != null && !(n.updater().momentum() >= 0 && n.updater().momentum() < 1)) {
                error("network.updater.momentum", "must be in [0, 1), got " + n.updater().momentum());
            }
            nonNegative("network.updater.weightDecay", n.updater().weightDecay());
            // the kind's own fields only: momentum with adam was accepted and had no effect
            String kind = n.updater().kind() == null ? "adam" : n.updater().kind();
            if (UPDATERS.contains(kind)) {
                onlyFor("network.updater.momentum", n.updater().momentum() != null, "updater", kind, "nesterovs");
                onlyFor("network.updater.weightDecay", n.updater().weightDecay() != null, "updater", kind, "adamw");
            }
        }
        if (n.weightInit() != null && !enumNames(WeightInit.class).contains(upper(n.weightInit()))) {
            error("network.weightInit", "unknown weight init '" + n.weightInit() + "'; e.g. xavier, relu, normal");
        }
        oneOf("network.dataType", n.dataType(), DATA_TYPES);
    }

    /** A hidden layer's given name must not be the output layer's, another layer's name or another's default name. */
    private void uniqueLayerName(List<LayerSection> hidden, int i) {
        String name = hidden.get(i).name();
        if (name == null) {
            return;
        }
        String p = "network.hidden[" + i + "].name";
        if (name.equals("output")) {
            error(p, "'output' is the output layer's name; choose another");
            return;
        }
        for (int j = 0; j < hidden.size(); j++) {
            LayerSection o = hidden.get(j);
            if (j == i || o == null) {
                continue;
            }
            if (j < i && name.equals(o.name())) {
                error(p, "layer name '" + name + "' is already network.hidden[" + j + "]'s; layer names must differ");
                return;
            }
            if (o.name() == null && name.equals("layer" + j)) {
                error(p, "'" + name + "' is the default name of network.hidden[" + j + "]; choose another, or name that"
                        + " layer too");
                return;
            }
        }
    }

    private void checkTraining(TrainingSpec t) {
        atLeast("training.epochs", t.epochs(), 1);
        atMost("training.epochs", t.epochs(), 1_000_000);
        atLeast("training.batchSize", t.batchSize(), 0);
        atLeast("training.recordEvery", t.recordEvery(), 1);
        atLeast("training.earlyStoppingPatience", t.earlyStoppingPatience(), 0);
        positive("training.divergenceLimit", t.divergenceLimit());
    }

    private void checkPenalty(PenaltySpec p, boolean searching) {
        if (p.kind() == null) {
            error("penalty.kind", "required; one of " + sorted(PENALTY_KINDS));
        } else {
            oneOf("penalty.kind", p.kind(), PENALTY_KINDS);
        }
        oneOf("penalty.convention", p.convention(), CONVENTIONS);
        if ("weight-decay".equals(p.kind()) && "keras".equals(p.convention())) {
            error("penalty.convention", "keras has no weight-decay regularizer (only l1, l2, l1_l2); use dl4j or pytorch");
        }
        oneOf("penalty.target", p.target(), TARGETS);
        if (p.layers() != null) {
            if (p.layers().isEmpty()) {
                error("penalty.layers", "must name at least one layer (index or name), or be omitted for all layers");
            }
            for (int i = 0; i < p.layers().size(); i++) {
                String l = p.layers().get(i);
                if (l == null || l.isBlank()) {
                    error("penalty.layers[" + i + "]", "must be a layer index or name");
                }
            }
        }
        if (p.strengths() != null && p.range() != null) {
            error("penalty", "give penalty.strengths or penalty.range, not both");
        }
        if (p.strengths() != null) {
            if (p.strengths().isEmpty()) {
                error("penalty.strengths", "must list at least one strength");
            }
            for (int i = 0; i < p.strengths().size(); i++) {
                Double x = p.strengths().get(i);
                if (x == null || !Double.isFinite(x)) {
                    error("penalty.strengths[" + i + "]", "must be a finite number, got " + x);
                } else if (x < 0) {
                    error("penalty.strengths[" + i + "]", "must be >= 0, got " + x);
                } else if (p.strengths().subList(0, i).contains(x)) {
                    // one candidate per distinct strength: a repeat was merged without a word
                    error("penalty.strengths[" + i + "]", x + " is listed twice (also penalty.strengths["
                            + p.strengths().indexOf(x) + "]); each strength is one candidate");
                } else {
                    strengthAtMost("penalty.strengths[" + i + "]", x);
                }
            }
        } else if (p.range() != null) {
            checkRange("penalty.range", p.range(), true);
            strengthAtMost("penalty.range.max", p.range().max());
        } else if (!searching && p.kind() != null && !"none".equals(p.kind())) {
            error("penalty", "give the strengths to study: penalty.strengths or penalty.range");
        }
        if (p.l1Ratio() != null && !(p.l1Ratio() >= 0 && p.l1Ratio() <= 1)) {
            error("penalty.l1Ratio", "must be in [0, 1], got " + p.l1Ratio());
        }
        if (p.kind() != null && PENALTY_KINDS.contains(p.kind())) {
            onlyFor("penalty.l1Ratio", p.l1Ratio() != null, "penalty", p.kind(), "elastic-net");
            onlyFor("penalty.applyLearningRate", p.applyLearningRate() != null, "penalty", p.kind(), "weight-decay");
        }
        if (p.layerScale() != null) {
            for (Map.Entry<String, Double> e : p.layerScale().entrySet()) {
                if (e.getValue() == null || !(e.getValue() >= 0) || !Double.isFinite(e.getValue())) {
                    error("penalty.layerScale." + e.getKey(), "must be a finite number >= 0, got " + e.getValue());
                } else {
                    strengthAtMost("penalty.layerScale." + e.getKey(), e.getValue());
                }
            }
        }
    }

    private void checkSearch(SearchSpec s, boolean penaltyNone) {
        if (s.method() == null) {
            error("search.method", "required; one of " + sorted(SEARCH_METHODS));
        }
        oneOf("search.method", s.method(), SEARCH_METHODS);
        atLeast("search.candidates", s.candidates(), 1);
        atMost("search.candidates", s.candidates(), MAX_SEARCH_CANDIDATES);
        atLeast("search.gridPoints", s.gridPoints(), 2);
        if ("random".equals(s.method()) && s.gridPoints() != null) {
            // a random search draws search.candidates values; the grid's points would be ignored
            error("search.gridPoints", "applies to method grid only, not random (a random search draws"
                    + " search.candidates values)");
        }
        atLeast("search.maxMinutes", s.maxMinutes(), 1);
        oneOf("search.strengths", s.strengths(), SEARCH_STRENGTHS);
        if (s.strengthRange() == null) {
            if (!penaltyNone) {
                error("search.strengthRange", "required: min, max (log scale)");
            }
        } else if (penaltyNone) {
            error("search.strengthRange", "not used with penalty.kind none (nothing is penalized); remove it");
        } else {
            checkRange("search.strengthRange", s.strengthRange(), false);
            strengthAtMost("search.strengthRange.max", s.strengthRange().max());
            searchRange("search.strengthRange", s.strengthRange());
        }
        if (s.learningRate() != null) {
            checkRange("search.learningRate", s.learningRate(), false);
            searchRange("search.learningRate", s.learningRate());
        }
        if (s.units() != null && s.units().isEmpty()) {
            error("search.units", "must list at least one width, or be omitted to keep network.hidden's");
        }
        if (s.units() != null) {
            for (int i = 0; i < s.units().size(); i++) {
                Integer u = s.units().get(i);
                if (u == null || u < 1) {
                    error("search.units[" + i + "]", "must be >= 1, got " + u);
                } else {
                    atMost("search.units[" + i + "]", u, MAX_UNITS);
                }
            }
        }
        if (s.dropout() != null) {
            RangeSpec d = s.dropout();
            if (d.min() == null || d.max() == null || !(d.min() > 0 && d.max() <= 1 && d.min() <= d.max())) {
                error("search.dropout", "min and max are retain probabilities with 0 < min < max <= 1");
            } else {
                searchRange("search.dropout", d);
            }
        }
    }

    /**
     * A search's range is a range (min < max; one value would not be recorded as a searched
     * parameter) and has no points of its own: a grid puts search.gridPoints values on each.
     */
    private void searchRange(String path, RangeSpec r) {
        if (r.min() != null && r.max() != null && r.min().equals(r.max())) {
            error(path + ".max", "equals min (" + r.min() + "); a search needs min < max (for one value, set it in the"
                    + " network or penalty section)");
        }
        if (r.points() != null) {
            error(path + ".points", "not used by a search; a grid takes search.gridPoints values of every range");
        }
    }

    private void checkRange(String path, RangeSpec r, boolean needPoints) {
        if (r.min() == null) {
            error(path + ".min", "required: the smallest value (> 0, log scale)");
        } else if (!(r.min() > 0) || !Double.isFinite(r.min())) {
            error(path + ".min", "must be > 0 (log scale), got " + r.min());
        }
        if (r.max() == null) {
            error(path + ".max", "required: the largest value");
        } else if (!Double.isFinite(r.max())) {
            error(path + ".max", "must be a finite number, got " + r.max());
        } else if (r.min() != null && r.max() < r.min()) {
            error(path + ".max", "must be >= min (" + r.min() + "), got " + r.max());
        }
        if (needPoints && r.points() == null) {
            error(path + ".points", "required: how many strengths between min and max");
        }
        if (needPoints && r.min() != null && r.max() != null && r.max().equals(r.min())) {
            error(path + ".max", "equals min (" + r.min() + "): " + (r.points() == null ? "the" : r.points())
                    + " points would all be one strength; give min < max, or penalty.strengths: [" + r.min() + "]");
        }
        atLeast(path + ".points", r.points(), 2);
        atMost(path + ".points", r.points(), 1000);
    }

    private void strengthAtMost(String path, Double value) {
        if (value != null && Double.isFinite(value) && value > MAX_STRENGTH) {
            error(path, "must be <= " + (long) MAX_STRENGTH + ", got " + value);
        }
    }

    private void checkRelativePath(String path, String value, boolean mustExist) {
        if (value.isBlank()) {
            error(path, "must not be empty");
            return;
        }
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            // by where the file really is (symbolic links and '..' resolved) when it exists, else by its name
            Path real = realPath(p);
            Path cwd = realPath(Path.of(""));
            boolean outside = real != null && cwd != null ? !real.startsWith(cwd) : p.normalize().startsWith("..");
            if (outside) {
                error(path, "relative path '" + value + "' leaves the working directory"
                        + (real != null && !p.normalize().startsWith("..") ? " (it resolves to " + real + ")" : "")
                        + "; use an absolute path");
                return;
            }
        }
        if (mustExist && Files.isDirectory(p)) {
            error(path, value + " is a directory, expected a file");
        } else if (mustExist && !Files.isRegularFile(p)) {
            error(path, "file not found: " + value + (p.isAbsolute() ? ""
                    : " (relative paths are resolved against the working directory " + Path.of("").toAbsolutePath() + ")"));
        }
    }

    /** The real path of {@code p} (links resolved), or null when it does not exist or cannot be read. */
    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException | SecurityException e) {
            return null;
        }
    }

    private void activation(String path, String value) {
        if (value != null && !enumNames(Activation.class).contains(upper(value))) {
            error(path, "unknown activation '" + value + "'; e.g. relu, tanh, sigmoid, softmax, identity");
        }
    }

    private void oneOf(String path, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            error(path, "must be one of " + sorted(allowed) + ", got '" + value + "'");
        }
    }

    private void atLeast(String path, Integer value, int min) {
        if (value != null && value < min) {
            error(path, "must be >= " + min + ", got " + value);
        }
    }

    private void atMost(String path, Integer value, int max) {
        if (value != null && value > max) {
            error(path, "must be <= " + max + ", got " + value);
        }
    }

    /** An error when a field that only kind {@code owner} reads is {@code given} with another {@code kind}. */
    private void onlyFor(String path, boolean given, String what, String kind, String owner) {
        if (given && !owner.equals(kind)) {
            error(path, "applies to " + what + " kind " + owner + " only, not " + kind + " (it would have no effect);"
                    + " remove it");
        }
    }

    /** An error when a generator field is {@code given} for a generator {@code kind} in {@code notFor}. */
    private void notFor(String kind, Set<String> notFor, String path, boolean given) {
        if (given && kind != null && notFor.contains(kind)) {
            error(path, "not a field of generator '" + kind + "'");
        }
    }

    private void positive(String path, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            error(path, "must be a finite number > 0, got " + value);
        }
    }

    private void nonNegative(String path, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            error(path, "must be a finite number >= 0, got " + value);
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Set<String> enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
