package org.regstudy.penalty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which penalty goes on which layer: one default for every layer plus overrides by layer index
 * or by layer name. Resolution for layer {@code (index, name)}: an override by index wins, then
 * an override by name, then the default. Immutable; {@code equals} compares defaults and overrides.
 *
 * <p>Two plans that put the same penalties on the same layers but say it differently (a default
 * versus per-index overrides) are not {@code equals}; compare {@link #normalized(List)} forms,
 * which is what {@code NetworkFactory.readPlan} returns.
 */
public final class PenaltyPlan {

    private static final PenaltyPlan NONE = new PenaltyPlan(LayerPenalty.none(), Map.of(), Map.of());

    private final LayerPenalty defaults;
    private final Map<Integer, LayerPenalty> byIndex;
    private final Map<String, LayerPenalty> byName;

    private PenaltyPlan(LayerPenalty defaults, Map<Integer, LayerPenalty> byIndex, Map<String, LayerPenalty> byName) {
        this.defaults = defaults;
        this.byIndex = Collections.unmodifiableMap(new TreeMap<>(byIndex));
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** @return no penalty anywhere */
    public static PenaltyPlan none() {
        return NONE;
    }

    /** @return {@code weights} on every layer's weights, no bias penalty */
    public static PenaltyPlan uniform(Penalty weights) {
        return builder().defaults(LayerPenalty.weightsOnly(weights)).build();
    }

    /** @return a builder starting from no penalty */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the penalty for layer {@code index} named {@code name} (name may be null) */
    public LayerPenalty forLayer(int index, String name) {
        LayerPenalty p = byIndex.get(index);
        if (p == null && name != null) {
            p = byName.get(name);
        }
        return p == null ? defaults : p;
    }

    /**
     * Checks every override names an existing layer, and no layer has an override by index and one by name.
     *
     * @throws IllegalArgumentException e.g. "override for layer 7: network has 3 layers (0..2)"
     */
    public void validateAgainst(List<String> layerNames) {
        Objects.requireNonNull(layerNames, "layerNames");
        int n = layerNames.size();
        for (Integer i : byIndex.keySet()) {
            if (i >= n) {
                throw new IllegalArgumentException("override for layer " + i + ": network has " + n
                        + " layers (0.." + (n - 1) + ")");
            }
        }
        for (String name : byName.keySet()) {
            if (!layerNames.contains(name)) {
                throw new IllegalArgumentException("override for layer '" + name + "': no layer has that name (layers: "
                        + layerNames + ")");
            }
            int i = layerNames.indexOf(name);
            if (byIndex.containsKey(i)) {
                // the index would win silently, and the name's penalty be lost
                throw new IllegalArgumentException("layer " + i + " '" + name + "' has two overrides, by index ("
                        + byIndex.get(i) + ") and by name (" + byName.get(name) + "); give one");
            }
        }
    }

    /**
     * The same placement said one way: no default, one override by index for every layer whose
     * penalty is not none, no name overrides. Equal normalized forms put the same penalties on a
     * network with these layers; the converse does not hold, since penalties are compared as written
     * ({@code l2(0.01)} and {@code elasticNetRatio(0.01, 0)} give DL4J the same list, as do {@code l2(0)}
     * and {@code none()}, but are different penalties here).
     */
    public PenaltyPlan normalized(List<String> layerNames) {
        validateAgainst(layerNames);
        Map<Integer, LayerPenalty> idx = new TreeMap<>();
        for (int i = 0; i < layerNames.size(); i++) {
            LayerPenalty p = forLayer(i, layerNames.get(i));
            if (!p.isNone()) {
                idx.put(i, p);
            }
        }
        return new PenaltyPlan(LayerPenalty.none(), idx, Map.of());
    }

    /** @return the penalty of layers without override */
    public LayerPenalty defaults() {
        return defaults;
    }

    /** @return overrides by layer index (sorted, unmodifiable) */
    public Map<Integer, LayerPenalty> byIndex() {
        return byIndex;
    }

    /** @return overrides by layer name (sorted, unmodifiable) */
    public Map<String, LayerPenalty> byName() {
        return byName;
    }

    /** @return the largest {@code strength()} of any weight penalty in the plan */
    public double maxWeightStrength() {
        double m = defaults.weights().strength();
        for (LayerPenalty p : byIndex.values()) {
            m = Math.max(m, p.weights().strength());
        }
        for (LayerPenalty p : byName.values()) {
            m = Math.max(m, p.weights().strength());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PenaltyPlan p && defaults.equals(p.defaults) && byIndex.equals(p.byIndex)
                && byName.equals(p.byName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaults, byIndex, byName);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("defaults={" + defaults + "}");
        byIndex.forEach((i, p) -> parts.add("layer " + i + "={" + p + "}"));
        byName.forEach((n, p) -> parts.add("layer '" + n + "'={" + p + "}"));
        return "PenaltyPlan[" + String.join("; ", parts) + "]";
    }

    /** Builds a {@link PenaltyPlan}; later calls for the same layer replace earlier ones. */
    public static final class Builder {
        private LayerPenalty defaults = LayerPenalty.none();
        private final Map<Integer, LayerPenalty> byIndex = new LinkedHashMap<>();
        private final Map<String, LayerPenalty> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /** Penalty for layers without an override. */
        public Builder defaults(LayerPenalty p) {
            if (p == null) {
                throw new IllegalArgumentException("defaults must not be null");
            }
            defaults = p;
            return this;
        }

        /** Override for layer {@code index} (0 = first hidden layer; the output layer is last). */
        public Builder layer(int index, LayerPenalty p) {
            if (index < 0) {
                throw new IllegalArgumentException("layer index must be >= 0, got " + index);
            }
            if (p == null) {
                throw new IllegalArgumentException("penalty for layer " + index + " must not be null");
            }
            byIndex.put(index, p);
            return this;
        }

        /** Override for the layer called {@code name}. */
        public Builder layer(String name, LayerPenalty p) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("layer name must not be blank, got '" + name + "'");
            }
            if (p == null) {
                throw new IllegalArgumentException("penalty for layer '" + name + "' must not be null");
            }
            byName.put(name, p);
            return this;
        }

        /** @return the immutable plan */
        public PenaltyPlan build() {
            return new PenaltyPlan(defaults, byIndex, byName);
        }
    }
}
