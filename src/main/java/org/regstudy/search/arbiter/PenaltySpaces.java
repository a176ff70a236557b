package org.regstudy.search.arbiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.conf.updater.NesterovsSpace;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.BaseLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.LSTMLayerSpace;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.layers.RnnOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.common.BadInputException;
import org.regstudy.penalty.Convention;
import org.regstudy.penalty.PenaltyKind;
import org.regstudy.spec.StudySpec;
import org.regstudy.spec.StudySpec.LayerSection;
import org.regstudy.spec.StudySpec.NetworkSection;
import org.regstudy.spec.StudySpec.PenaltySpec;
import org.regstudy.spec.StudySpec.RangeSpec;
import org.regstudy.spec.StudySpec.SearchSpec;

/**
 * Arbiter spaces from a spec's {@code search:}, {@code penalty:} and {@code network:} blocks.
 *
 * <p>Strengths vary on a log scale: {@code ContinuousParameterSpace(LogUniformDistribution(min, max))}.
 * Random search samples {@code exp(U(ln min, ln max))}; Arbiter's grid takes the inverse CDF at
 * {@code k/(n-1)}, {@code k = 0..n-1}, so an n-point grid is {@code min*(max/min)^(k/(n-1))}: log-spaced
 * (min 1e-4, max 1, 5 points: 1e-4, 1e-3, 1e-2, 1e-1, 1). The learning rate range is log-uniform the
 * same way; dropout (retain probability) is uniform; widths are a discrete list shared by all hidden
 * layers.
 *
 * <p>Every layer is a {@link PenalizedLayerSpace}: layers named in {@code penalty.layers} (all when
 * omitted) carry the swept penalty on {@code penalty.target}; others carry none (plus the AdamW decay
 * with {@code updater: adamw}). {@code search.strengths: shared} (default) uses one strength space for
 * all penalized layers, {@code per-layer} one per layer.
 */
public final class PenaltySpaces {

    private PenaltySpaces() {
    }

    /** Defaults when the spec leaves a field out. */
    public static final int DEFAULT_GRID_POINTS = 5;
    /** Random search without {@code search.candidates}. */
    public static final int DEFAULT_RANDOM_CANDIDATES = 20;

    /** @return a log-uniform space on {@code [min, max]} (a fixed value when {@code min == max}) */
    public static ParameterSpace<Double> logUniform(double min, double max) {
        if (!(min > 0) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("log range needs 0 < min <= max, got min=" + min + ", max=" + max);
        }
        return min == max ? new FixedValue<>(min) : new ContinuousParameterSpace(new LogUniformDistribution(min, max));
    }

    /**
     * The space for the spec.
     *
     * @param inputs    number of input features (per time step when recurrent)
     * @param outputs   output units (classes, or regression targets)
     * @param recurrent sequence data: LSTM hidden layers and an RNN output layer
     * @throws BadInputException naming the spec field when the blocks do not describe a search
     */
    public static MultiLayerSpace fromSpec(StudySpec spec, int inputs, int outputs, boolean recurrent) {
        return fromSpec(spec, inputs, outputs, recurrent, null);
    }

    /**
     * The space for a spec whose network was already resolved (defaults applied) for a study: the
     * search's candidates then share the study's output layer, loss, weight init and AdamW decay, so
     * its baseline and its candidates differ only in what the search varies.
     */
    public static MultiLayerSpace fromSpec(StudySpec spec, org.regstudy.network.NetworkSpec resolved) {
        return fromSpec(spec, resolved.inputs(), resolved.output().units(), resolved.recurrent(), resolved);
    }

    private static MultiLayerSpace fromSpec(StudySpec spec, int inputs, int outputs, boolean recurrent,
                                            org.regstudy.network.NetworkSpec resolved) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("inputs and outputs must be >= 1, got " + inputs + ", " + outputs);
        }
        SearchSpec s = spec.search();
        if (s == null) {
            throw new BadInputException("search: section is missing; a search needs method and strengthRange");
        }
        NetworkSection n = spec.network();
        if (n == null || n.configuration() != null) {
            throw new BadInputException("network: a search needs network.hidden/output (network.configuration files are not searchable)");
        }
        if (n.hidden() == null || n.hidden().isEmpty()) {
            throw new BadInputException("network.hidden: must list at least one hidden layer");
        }
        boolean classification = spec.data() == null || spec.data().task() == null
                || "classification".equals(spec.data().task());

        // layer names, as NetworkSpec names them
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n.hidden().size(); i++) {
            String nm = n.hidden().get(i).name();
            names.add(nm == null ? "layer" + i : nm);
        }
        names.add("output");

        // penalty
        PenaltySpec p = spec.penalty();
        if (p == null || p.kind() == null) {
            throw new BadInputException("penalty.kind: required for a search (none, l1, l1-proximal, l2, elastic-net, weight-decay)");
        }
        PenaltyKind kind = kind(p.kind());
        Convention convention = p.convention() == null ? Convention.DL4J : convention(p.convention());
        String target = p.target() == null ? "weights" : p.target();
        Set<Integer> penalized = penalizedLayers(p.layers(), names);
        boolean applyLr = p.applyLearningRate() == null || p.applyLearningRate();
        ParameterSpace<Double> ratio = kind == PenaltyKind.ELASTIC_NET
                ? new FixedValue<>(p.l1Ratio() == null ? 0.5 : p.l1Ratio()) : null;
        RangeSpec r = s.strengthRange();
        if (kind != PenaltyKind.NONE && (r == null || r.min() == null || r.max() == null)) {
            throw new BadInputException("search.strengthRange: required: min, max (log scale)");
        }
        boolean perLayer = "per-layer".equals(s.strengths());
        ParameterSpace<Double> shared = kind == PenaltyKind.NONE ? null : logUniform(r.min(), r.max());

        // updater
        StudySpec.UpdaterSection u = n.updater();
        String ukind = u == null || u.kind() == null ? "adam" : u.kind().toLowerCase(Locale.ROOT);
        double lr0 = u == null || u.learningRate() == null ? 1e-3 : u.learningRate();
        ParameterSpace<Double> lr = s.learningRate() == null ? new FixedValue<>(lr0)
                : logUniform(s.learningRate().min(), s.learningRate().max());
        ParameterSpace<IUpdater> updater = switch (ukind) {
            case "sgd" -> new SgdSpace(lr);
            case "nesterovs" -> new NesterovsSpace(lr, new FixedValue<>(u.momentum() == null ? 0.9 : u.momentum()));
            // Arbiter beta7's AdamSpace(lr) fills beta1, beta2 and epsilon with 0.001 (its default
            // learning rate); they are given explicitly, as DL4J's Adam(lr) has them.
            case "adam", "adamw" -> new AdamSpace(lr, new FixedValue<>(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY),
                    new FixedValue<>(Adam.DEFAULT_ADAM_BETA2_VAR_DECAY), new FixedValue<>(Adam.DEFAULT_ADAM_EPSILON));
            default -> throw new BadInputException("network.updater.kind: unknown '" + ukind + "'; one of sgd, nesterovs, adam, adamw");
        };
        double adamW = resolved != null ? (resolved.updater().kind() == org.regstudy.network.UpdaterKind.ADAMW
                ? resolved.updater().adamWDecay() : 0)
                : "adamw".equals(ukind) && u.weightDecay() != null ? u.weightDecay() : 0;

        ParameterSpace<Integer> units = null;
        if (s.units() != null && !s.units().isEmpty()) {
            units = s.units().size() == 1 ? new FixedValue<>(s.units().get(0)) : new DiscreteParameterSpace<>(s.units());
        }
        ParameterSpace<Double> dropout = null;
        if (s.dropout() != null) {
            dropout = s.dropout().min().equals(s.dropout().max()) ? new FixedValue<>(s.dropout().min())
                    : new ContinuousParameterSpace(s.dropout().min(), s.dropout().max());
        }

        MultiLayerSpace.Builder b = new MultiLayerSpace.Builder()
                .seed(spec.seed() == null ? 42L : spec.seed())
                .weightInit(resolved != null ? WeightInit.valueOf(resolved.weightInit().toUpperCase(Locale.ROOT))
                        : n.weightInit() == null ? WeightInit.XAVIER
                        : WeightInit.valueOf(n.weightInit().toUpperCase(Locale.ROOT).replace('-', '_')))
                .updater(updater);
        for (int i = 0; i < n.hidden().size(); i++) {
            LayerSection l = n.hidden().get(i);
            boolean lstm = l.type() != null && "lstm".equalsIgnoreCase(l.type());
            if (lstm != recurrent) {
                throw new BadInputException("network.hidden[" + i + "].type: " + (lstm ? "lstm" : "dense")
                        + " layer but the data is " + (recurrent ? "sequences" : "not sequences"));
            }
            ParameterSpace<Integer> width = units != null ? units
                    : new FixedValue<>(require(l.units(), "network.hidden[" + i + "].units"));
            Activation act = activation(l.activation(), lstm ? Activation.TANH : Activation.RELU,
                    "network.hidden[" + i + "].activation");
            BaseLayerSpace<? extends BaseLayer> inner;
            if (lstm) {
                LSTMLayerSpace.Builder lb = new LSTMLayerSpace.Builder().nOut(width).activation(act);
                if (dropout != null) {
                    lb.dropOut(dropout);
                }
                inner = lb.build();
            } else {
                DenseLayerSpace.Builder db = new DenseLayerSpace.Builder().nOut(width).activation(act);
                if (dropout != null) {
                    db.dropOut(dropout);
                }
                inner = db.build();
            }
            b.addLayer(penalize(inner, i, names.get(i), kind, penalized, perLayer, shared, r, ratio, applyLr, target,
                    convention, adamW));
        }
        int out = n.hidden().size();
        Activation oact = resolved != null ? activation(resolved.output().activation(), null, "network.output.activation")
                : activation(n.output() == null ? null : n.output().activation(),
                        classification ? Activation.SOFTMAX : Activation.IDENTITY, "network.output.activation");
        LossFunctions.LossFunction loss = resolved != null ? loss(resolved.output().loss(), null)
                : loss(n.output() == null ? null : n.output().loss(),
                        classification ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE);
        BaseLayerSpace<? extends BaseLayer> outSpace = recurrent
                ? new RnnOutputLayerSpace.Builder().nOut(outputs).activation(oact).lossFunction(loss).build()
                : new OutputLayerSpace.Builder().nOut(outputs).activation(oact).lossFunction(loss).build();
        b.addLayer(penalize(outSpace, out, names.get(out), kind, penalized, perLayer, shared, r, ratio, applyLr, target,
                convention, adamW));
        b.setInputType(recurrent ? InputType.recurrent(inputs) : InputType.feedForward(inputs));
        return b.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static LayerSpace<?> penalize(BaseLayerSpace<? extends BaseLayer> inner, int index, String name, PenaltyKind kind,
                                          Set<Integer> penalized, boolean perLayer, ParameterSpace<Double> shared,
                                          RangeSpec r, ParameterSpace<Double> ratio, boolean applyLr, String target,
                                          Convention convention, double adamW) {
        PenalizedLayerSpace.Builder pb = PenalizedLayerSpace.wrap((LayerSpace) inner).convention(convention).adamWDecay(adamW)
                .layerName(name);
        if (kind != PenaltyKind.NONE && penalized.contains(index)) {
            ParameterSpace<Double> strength = perLayer ? logUniform(r.min(), r.max()) : shared;
            PenalizedLayerSpace.Term t = new PenalizedLayerSpace.Term(kind, strength, ratio,
                    kind == PenaltyKind.WEIGHT_DECAY && applyLr);
            if (!"biases".equals(target)) {
                pb.weights(t);
            }
            if (!"weights".equals(target)) {
                pb.biases(t);
            }
        }
        try {
            return pb.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("penalty.convention: " + e.getMessage(), e);
        }
    }

    /**
     * The search settings the spec describes: method, candidates (grid: 0 = whole grid unless given;
     * random: default {@value #DEFAULT_RANDOM_CANDIDATES}), gridPoints (default
     * {@value #DEFAULT_GRID_POINTS}), maxMinutes, seed (default 42) and concurrency (default 1).
     */
    public static ArbiterSearch.Settings settings(StudySpec spec) {
        SearchSpec s = spec.search();
        if (s == null || s.method() == null) {
            throw new BadInputException("search.method: required; one of grid, random");
        }
        ArbiterSearch.Method m;
        try {
            m = ArbiterSearch.Method.parse(s.method());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("search.method: " + e.getMessage());
        }
        int candidates = s.candidates() != null ? s.candidates() : m == ArbiterSearch.Method.GRID ? 0 : DEFAULT_RANDOM_CANDIDATES;
        return new ArbiterSearch.Settings(m, candidates,
                s.gridPoints() == null ? DEFAULT_GRID_POINTS : s.gridPoints(),
                s.maxMinutes() == null ? null : Duration.ofMinutes(s.maxMinutes()),
                spec.seed() == null ? 42L : spec.seed(),
                spec.concurrency() == null ? 1 : spec.concurrency());
    }

    private static Set<Integer> penalizedLayers(List<String> layers, List<String> names) {
        return new LinkedHashSet<>(org.regstudy.spec.SpecResolver.layerIndices(layers, names));
    }

    private static PenaltyKind kind(String k) {
        return switch (k.toLowerCase(Locale.ROOT)) {
            case "none" -> PenaltyKind.NONE;
            case "l1" -> PenaltyKind.L1;
            case "l1-proximal" -> PenaltyKind.L1_PROXIMAL;
            case "l2" -> PenaltyKind.L2;
            case "elastic-net" -> PenaltyKind.ELASTIC_NET;
            case "weight-decay" -> PenaltyKind.WEIGHT_DECAY;
            default -> throw new BadInputException("penalty.kind: unknown '" + k
                    + "'; one of none, l1, l1-proximal, l2, elastic-net, weight-decay");
        };
    }

    private static Convention convention(String c) {
        try {
            return Convention.valueOf(c.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("penalty.convention: unknown '" + c + "'; one of dl4j, keras, pytorch");
        }
    }

    private static Activation activation(String a, Activation dflt, String field) {
        if (a == null) {
            return dflt;
        }
        try {
            return Activation.valueOf(a.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(field + ": unknown activation '" + a + "'");
        }
    }

    private static LossFunctions.LossFunction loss(String l, LossFunctions.LossFunction dflt) {
        if (l == null) {
            return dflt;
        }
        try {
            return LossFunctions.LossFunction.valueOf(l.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("network.output.loss: unknown loss '" + l + "'");
        }
    }

    private static int require(Integer v, String field) {
        if (v == null) {
            throw new BadInputException(field + ": required");
        }
        return v;
    }
}
