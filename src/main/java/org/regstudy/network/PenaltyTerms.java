package org.regstudy.network;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.PenaltyPlan;

/**
 * The penalty term and the data loss, separately.
 *
 * <p>{@code total = sum over layers i, parameters p of i: P_i(p)}, with {@code P_i} the layer's
 * weight penalty for weight parameters (dense W; LSTM W and RW) and its bias penalty for biases,
 * {@link org.regstudy.penalty.Penalty#term} each. Computed from {@code paramTable()} and the plan
 * read back from the layers, not through DL4J's {@code calcRegularizationScore}; DL4J's
 * {@code score(ds)} equals {@code dataLoss(ds) + total}.
 */
public final class PenaltyTerms {

    private PenaltyTerms() {
    }

    /** @return the total penalty term of {@code net}'s current parameters */
    public static double total(MultiLayerNetwork net) {
        double t = 0;
        for (double d : perLayer(net)) {
            t += d;
        }
        return t;
    }

    /** @return the penalty term of each layer, in index order */
    public static double[] perLayer(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        PenaltyPlan plan = NetworkFactory.readPlan(conf);
        List<String> names = NetworkFactory.layerNames(conf);
        double[] out = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            LayerPenalty lp = plan.forLayer(i, names.get(i));
            org.deeplearning4j.nn.conf.layers.Layer lc = conf.getConf(i).getLayer();
            ParamInitializer init = lc.initializer();
            for (Map.Entry<String, INDArray> e : net.getLayer(i).paramTable().entrySet()) {
                if (init.isWeightParam(lc, e.getKey())) {
                    out[i] += lp.weights().term(e.getValue());
                } else if (init.isBiasParam(lc, e.getKey())) {
                    out[i] += lp.biases().term(e.getValue());
                }
            }
        }
        return out;
    }

    /**
     * Mean data loss without any penalty: the mean of {@code scoreExamples(data, false)}
     * (per-example loss, summed over time steps for sequence data, as DL4J's score does).
     */
    public static double dataLoss(MultiLayerNetwork net, org.nd4j.linalg.dataset.api.DataSet data) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("net and data must not be null");
        }
        DataSet ds = data instanceof DataSet d ? d
                : new DataSet(data.getFeatures(), data.getLabels(), data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        INDArray perExample = net.scoreExamples(ds, false);
        return perExample.meanNumber().doubleValue();
    }
}
