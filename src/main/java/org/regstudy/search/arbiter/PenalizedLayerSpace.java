package org.regstudy.search.arbiter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.arbiter.layers.BaseLayerSpace;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.regstudy.penalty.Convention;
import org.regstudy.penalty.Conventions;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyKind;

/**
 * An Arbiter layer space with the penalties Arbiter's own layer spaces lack: L1 by subgradient,
 * proximal L1, L2, elastic net (total strength and L1 ratio) and decoupled weight decay (with its
 * {@code applyLR} flag), each strength a {@code ParameterSpace<Double>}, for the weights and,
 * separately, for the biases.
 *
 * <p>Wraps any Arbiter layer space of a {@code BaseLayer} (for example {@code DenseLayerSpace},
 * {@code OutputLayerSpace}, {@code LSTMLayerSpace}) that has no penalties of its own: the wrapped
 * space builds the layer, then this space sets the layer's exact lists with
 * {@code setRegularization(List)} / {@code setRegularizationBias(List)}, so no DL4J builder method
 * can drop or duplicate an entry ({@code l2()} removes a {@code WeightDecay} and vice versa in
 * DL4J 1.0.0-M2.1). Strengths are sampled in {@code convention} and converted to DL4J's by
 * {@link Conventions#toDl4j}: Keras {@code l2(x)} becomes DL4J {@code l2(2x)}.
 *
 * <p>Elastic net: {@code l1 = s*r}, {@code l2 = s*(1 - r)} with total strength {@code s} and ratio
 * {@code r}. Parameter names (as {@link ArbiterSearch} reports them): {@code l1}, {@code l1Proximal},
 * {@code l2}, {@code elasticNet} with {@code l1Ratio}, {@code weightDecay}; for biases the same with
 * the suffix {@code Bias}.
 *
 * <p>Do not also set a network-wide {@code l1}/{@code l2} on the {@code MultiLayerSpace}: DL4J merges
 * a global L1 or L2 into every layer list that lacks one of that type (an L2 would join a weight
 * decay). {@link ArbiterSearch} rejects such spaces.
 *
 * @param <L> the DL4J layer type
 */
public final class PenalizedLayerSpace<L extends BaseLayer> extends LayerSpace<L> {

    /** One penalty on one parameter group: kind, strength space, L1 ratio space (elastic net), applyLR (weight decay). */
    public record Term(PenaltyKind kind, ParameterSpace<Double> strength, ParameterSpace<Double> l1Ratio,
                       boolean applyLearningRate) {
        /** No penalty. */
        public static final Term NONE = new Term(PenaltyKind.NONE, null, null, false);

        /** Validates that a strength is given exactly when the kind needs one, and a ratio for elastic net only. */
        public Term {
            if (kind == null) {
                throw new IllegalArgumentException("kind must not be null");
            }
            if ((kind == PenaltyKind.NONE) != (strength == null)) {
                throw new IllegalArgumentException("strength space must be given for kind " + kind
                        + " and only then, got " + strength);
            }
            if ((kind == PenaltyKind.ELASTIC_NET) != (l1Ratio != null)) {
                throw new IllegalArgumentException("l1Ratio space is for ELASTIC_NET only (kind " + kind + "), got " + l1Ratio);
            }
            if (kind != PenaltyKind.WEIGHT_DECAY && applyLearningRate) {
                throw new IllegalArgumentException("applyLearningRate is for WEIGHT_DECAY only, kind " + kind);
            }
        }

        Penalty value(double[] values) {
            if (kind == PenaltyKind.NONE) {
                return Penalty.none();
            }
            double s = strength.getValue(values);
            return switch (kind) {
                case L1 -> Penalty.l1(s);
                case L1_PROXIMAL -> Penalty.l1Proximal(s);
                case L2 -> Penalty.l2(s);
                case ELASTIC_NET -> Penalty.elasticNetRatio(s, l1Ratio.getValue(values));
                case WEIGHT_DECAY -> Penalty.weightDecay(s, applyLearningRate);
                case NONE -> Penalty.none();
            };
        }

        void names(String suffix, Map<String, ParameterSpace> out) {
            if (kind == PenaltyKind.NONE) {
                return;
            }
            String n = switch (kind) {
                case L1 -> "l1";
                case L1_PROXIMAL -> "l1Proximal";
                case L2 -> "l2";
                case ELASTIC_NET -> "elasticNet";
                case WEIGHT_DECAY -> "weightDecay";
                case NONE -> throw new IllegalStateException();
            };
            out.put(n + suffix, strength);
            if (l1Ratio != null) {
                out.put("l1Ratio" + suffix, l1Ratio);
            }
        }
    }

    private final LayerSpace<L> inner;
    private final Term weights;
    private final Term biases;
    private final Convention convention;
    private final double extraWeightDecay;
    private final String layerName;

    private PenalizedLayerSpace(Builder<L> b) {
        super();
        this.inner = b.inner;
        this.weights = b.weights;
        this.biases = b.biases;
        this.convention = b.convention;
        this.extraWeightDecay = b.extraWeightDecay;
        this.layerName = b.layerName;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /** @return a builder wrapping {@code inner}, which must not set l1, l2, l1Bias or l2Bias itself */
    public static <L extends BaseLayer> Builder<L> wrap(LayerSpace<L> inner) {
        return new Builder<>(inner);
    }

    /** @return the wrapped layer space */
    public LayerSpace<L> inner() {
        return inner;
    }

    /** @return the weights' term */
    public Term weights() {
        return weights;
    }

    /** @return the biases' term */
    public Term biases() {
        return biases;
    }

    /**
     * The layer's penalties, in DL4J's convention, for Arbiter's parameter vector {@code values}:
     * the sampled strengths converted from {@code convention}, plus the fixed extra decoupled decay
     * (AdamW) on the weights when their penalty has none.
     */
    public LayerPenalty penaltyAt(double[] values) {
        Penalty w = Conventions.toDl4j(convention, weights.value(values));
        Penalty b = Conventions.toDl4j(convention, biases.value(values));
        if (extraWeightDecay > 0 && w.weightDecay() == 0) {
            w = w.withWeightDecay(extraWeightDecay, true);
        }
        return new LayerPenalty(w, b);
    }

    @Override
    public L getValue(double[] values) {
        L layer = inner.getValue(values);
        if (layerName != null) {
            layer.setLayerName(layerName);
        }
        LayerPenalty lp = penaltyAt(values);
        // mutable copies: DL4J may append while building the network configuration
        layer.setRegularization(new ArrayList<>(lp.weights().toDl4j()));
        layer.setRegularizationBias(new ArrayList<>(lp.biases().toDl4j()));
        return layer;
    }

    /** The wrapped space's nested spaces, then the penalty strengths by name ({@code l2}, {@code l2Bias}, ...). */
    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> m = new LinkedHashMap<>();
        if (!inner.isLeaf()) {
            m.putAll(inner.getNestedSpaces());
        }
        weights.names("", m);
        biases.names("Bias", m);
        return m;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        if (inner.isLeaf()) {
            out.add(inner); // e.g. FixedLayerSpace: a leaf without parameters
        } else {
            out.addAll(inner.collectLeaves());
        }
        for (ParameterSpace p : List.of(weights, biases).stream()
                .flatMap(t -> java.util.stream.Stream.of(t.strength(), t.l1Ratio()))
                .filter(java.util.Objects::nonNull).toList()) {
            out.addAll(p.collectLeaves());
        }
        return out;
    }

    @Override
    public String toString() {
        return "PenalizedLayerSpace(" + inner + ", weights=" + weights + ", biases=" + biases
                + ", convention=" + convention + (extraWeightDecay > 0 ? ", adamWDecay=" + extraWeightDecay : "") + ")";
    }

    /** Builds a {@link PenalizedLayerSpace}; a later call for the same target replaces an earlier one. */
    public static final class Builder<L extends BaseLayer> {
        private final LayerSpace<L> inner;
        private Term weights = Term.NONE;
        private Term biases = Term.NONE;
        private Convention convention = Convention.DL4J;
        private double extraWeightDecay;
        private String layerName;

        private Builder(LayerSpace<L> inner) {
            if (inner == null) {
                throw new IllegalArgumentException("inner layer space must not be null");
            }
            if (inner instanceof BaseLayerSpace<?> b
                    && (b.getL1() != null || b.getL2() != null || b.getL1Bias() != null || b.getL2Bias() != null)) {
                throw new IllegalArgumentException("inner layer space sets l1/l2/l1Bias/l2Bias itself; put penalties on "
                        + "the PenalizedLayerSpace instead: " + inner);
            }
            if (inner instanceof PenalizedLayerSpace<?>) {
                throw new IllegalArgumentException("inner layer space is already a PenalizedLayerSpace");
            }
            this.inner = inner;
        }

        /** DL4J L1 (subgradient) on the weights: term {@code c*sum|w|}. */
        public Builder<L> l1(ParameterSpace<Double> c) {
            return weights(new Term(PenaltyKind.L1, c, null, false));
        }

        /** Proximal L1 on the weights ({@code ProximalL1Regularization}): exact zeros. */
        public Builder<L> l1Proximal(ParameterSpace<Double> c) {
            return weights(new Term(PenaltyKind.L1_PROXIMAL, c, null, false));
        }

        /** L2 on the weights: term {@code 0.5*c*sum w^2} (DL4J convention). */
        public Builder<L> l2(ParameterSpace<Double> c) {
            return weights(new Term(PenaltyKind.L2, c, null, false));
        }

        /** Elastic net on the weights: {@code l1 = total*ratio}, {@code l2 = total*(1 - ratio)}. */
        public Builder<L> elasticNet(ParameterSpace<Double> total, ParameterSpace<Double> l1Ratio) {
            return weights(new Term(PenaltyKind.ELASTIC_NET, total, l1Ratio, false));
        }

        /** Decoupled weight decay on the weights: update {@code += (applyLR ? lr : 1)*c*w} after the updater. */
        public Builder<L> weightDecay(ParameterSpace<Double> c, boolean applyLR) {
            return weights(new Term(PenaltyKind.WEIGHT_DECAY, c, null, applyLR));
        }

        /** Any term on the weights. */
        public Builder<L> weights(Term t) {
            if (t == null) {
                throw new IllegalArgumentException("weights term must not be null");
            }
            weights = t;
            return this;
        }

        /** Any term on the biases. */
        public Builder<L> biases(Term t) {
            if (t == null) {
                throw new IllegalArgumentException("biases term must not be null");
            }
            biases = t;
            return this;
        }

        /** The convention the sampled strengths are written in (default DL4J). */
        public Builder<L> convention(Convention c) {
            if (c == null) {
                throw new IllegalArgumentException("convention must not be null");
            }
            convention = c;
            return this;
        }

        /**
         * The DL4J name the built layer gets (null: DL4J's default {@code layer<index>}); a search
         * from a spec gives the names its study would, so that candidates and the baseline name the
         * same layer alike (the output layer is {@code output}).
         */
        public Builder<L> layerName(String name) {
            layerName = name;
            return this;
        }

        /**
         * A fixed AdamW decay {@code WeightDecay(c, applyLR=true)} added to the weights' penalty when it
         * has no weight decay of its own (as {@code NetworkFactory.effectivePlan} does for ADAMW).
         */
        public Builder<L> adamWDecay(double c) {
            if (!Double.isFinite(c) || c < 0) {
                throw new IllegalArgumentException("adamWDecay must be finite and >= 0, got " + c);
            }
            extraWeightDecay = c;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a term has no meaning in the convention (e.g. weight decay
         *     in Keras's), checked with a strength of 1
         */
        public PenalizedLayerSpace<L> build() {
            for (Term t : List.of(weights, biases)) {
                if (t.kind() != PenaltyKind.NONE) {
                    Penalty probe = switch (t.kind()) {
                        case L1 -> Penalty.l1(1);
                        case L1_PROXIMAL -> Penalty.l1Proximal(1);
                        case L2 -> Penalty.l2(1);
                        case ELASTIC_NET -> Penalty.elasticNet(0.5, 0.5);
                        case WEIGHT_DECAY -> Penalty.weightDecay(1, t.applyLearningRate());
                        case NONE -> Penalty.none();
                    };
                    Conventions.toDl4j(convention, probe);
                }
            }
            return new PenalizedLayerSpace<>(this);
        }
    }
}
