package org.regstudy.search.arbiter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.regstudy.network.NetworkFactory;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.PenaltyPlan;

/**
 * Turns what Arbiter generated (a parameter vector and the configuration built from it) into a
 * {@link SearchCandidate}: named parameter values, the configuration, and the penalty plan read
 * back from it and checked.
 *
 * <p>Names: network-wide spaces by field name ({@code updater.learningRate} is shortened to
 * {@code learningRate}); layer spaces as {@code layer<i>.<field>} with {@code i} the position in the
 * {@code MultiLayerSpace}'s layer list ({@code layer0.nOut}, {@code layer0.l2}); nested spaces joined
 * by dots. Spaces without free parameters ({@code FixedValue}) are left out.
 */
public final class CandidateReader {

    private CandidateReader() {
    }

    /** @return the named values of {@code space}'s free parameters at {@code flat}, sorted */
    public static Map<String, Object> parameters(MultiLayerSpace space, double[] flat) {
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ParameterSpace> e : space.getNestedSpaces().entrySet()) {
            walk(e.getKey(), e.getValue(), flat, out);
        }
        List<MultiLayerSpace.LayerConf> layers = space.getLayerSpaces();
        for (int i = 0; i < layers.size(); i++) {
            MultiLayerSpace.LayerConf c = layers.get(i);
            walk("layer" + i, c.getLayerSpace(), flat, out);
            walk("layer" + i + ".numLayers", c.getNumLayers(), flat, out);
        }
        TreeMap<String, Object> renamed = new TreeMap<>();
        out.forEach((k, v) -> renamed.put(k.startsWith("updater.") ? k.substring("updater.".length()) : k, v));
        return renamed;
    }

    private static void walk(String name, ParameterSpace<?> ps, double[] flat, Map<String, Object> out) {
        if (ps == null || ps instanceof FixedValue<?>) {
            return;
        }
        if (ps.isLeaf()) {
            if (ps.numParameters() > 0) {
                out.put(name, plain(ps.getValue(flat)));
            }
            return;
        }
        for (Map.Entry<String, ParameterSpace> e : ps.getNestedSpaces().entrySet()) {
            walk(name + "." + e.getKey(), e.getValue(), flat, out);
        }
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Enum<?> en) {
            return en.name();
        }
        return String.valueOf(v);
    }

    /**
     * The plan {@code conf} must carry: what its layers carry, except that each layer built by a
     * {@link PenalizedLayerSpace} must carry exactly that space's penalty at {@code flat}.
     */
    public static PenaltyPlan expectedPlan(MultiLayerSpace space, double[] flat, MultiLayerConfiguration conf) {
        PenaltyPlan read = NetworkFactory.readPlan(conf);
        TreeMap<Integer, LayerPenalty> idx = new TreeMap<>(read.byIndex());
        int k = 0;
        for (MultiLayerSpace.LayerConf c : space.getLayerSpaces()) {
            int n = c.getNumLayers().getValue(flat);
            for (int j = 0; j < n; j++, k++) {
                if (c.getLayerSpace() instanceof PenalizedLayerSpace<?> p) {
                    LayerPenalty lp = p.penaltyAt(flat);
                    if (lp.isNone()) {
                        idx.remove(k);
                    } else {
                        idx.put(k, lp);
                    }
                }
            }
        }
        PenaltyPlan.Builder b = PenaltyPlan.builder();
        idx.forEach(b::layer);
        return b.build();
    }

    /**
     * Builds the candidate; the configuration must carry the expected plan.
     *
     * @throws IllegalStateException when a layer's lists differ from its {@link PenalizedLayerSpace}'s
     *     penalty (for example a global L2 merged in by DL4J)
     * @throws IllegalArgumentException when a layer's lists cannot be read as a penalty (a repeated
     *     entry such as a doubled WeightDecay, a scheduled strength, proximal L1 with L2)
     */
    public static SearchCandidate read(MultiLayerSpace space, int index, double[] flat, DL4JConfiguration value) {
        MultiLayerConfiguration conf = value.getMultiLayerConfiguration();
        PenaltyPlan expected = expectedPlan(space, flat, conf);
        NetworkFactory.verify(conf, expected);
        return new SearchCandidate(index, SearchCandidate.idOf(index), parameters(space, flat), conf,
                NetworkFactory.readPlan(conf));
    }
}
