package org.regstudy.inspect;

import java.util.List;

/**
 * One layer of an inspected network.
 *
 * @param index layer index (MultiLayerNetwork) or topological layer index (ComputationGraph)
 * @param name layer (vertex) name
 * @param type configuration class's simple name, e.g. "DenseLayer", "LSTM"
 * @param weights statistics of each weight parameter, in DL4J's parameter order (LSTM: W then RW)
 * @param bias statistics of the bias, null if the layer has none
 * @param weightRegularization regularization on the weights as configured
 * @param biasRegularization regularization on the bias as configured
 * @param penaltyTerm what this layer adds to the score: the sum over its parameters of each
 *     regularization's {@code score} (L1: {@code c*sum|w|}; L2 and weight decay:
 *     {@code 0.5*c*sum w^2})
 * @param parameterCount all parameters of the layer
 * @param activation activation function, null when the layer has none
 * @param nIn input size for feed-forward/recurrent layers, else null
 * @param nOut output size for feed-forward/recurrent layers, else null
 */
public record LayerInspection(int index, String name, String type, List<WeightStats> weights, WeightStats bias,
        List<RegularizationInfo> weightRegularization, List<RegularizationInfo> biasRegularization,
        double penaltyTerm, long parameterCount, String activation, Long nIn, Long nOut) {

    public LayerInspection {
        weights = List.copyOf(weights);
        weightRegularization = List.copyOf(weightRegularization);
        biasRegularization = List.copyOf(biasRegularization);
    }

    /** Weights then bias (if any). */
    public List<WeightStats> allStats() {
        if (bias == null) {
            return weights;
        }
        var all = new java.util.ArrayList<>(weights);
        all.add(bias);
        return List.copyOf(all);
    }
}
