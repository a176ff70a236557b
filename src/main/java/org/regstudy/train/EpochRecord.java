package org.regstudy.train;

/**
 * What was measured after one epoch, all in inference mode on whole parts.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss data loss on the whole training part (no penalty)
 * @param validationLoss data loss on the validation part (no penalty)
 * @param penalty total penalty term (what DL4J adds to score())
 * @param layerPenalty penalty term per layer, in layer order
 * @param train metrics on the training part
 * @param validation metrics on the validation part
 * @param layerWeightNorm L2 (Frobenius) norm of each layer's weights (W and RW together), in layer order
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double penalty,
                          double[] layerPenalty, Metrics train, Metrics validation, double[] layerWeightNorm) {
    public EpochRecord {
        layerPenalty = layerPenalty.clone();
        layerWeightNorm = layerWeightNorm.clone();
    }

    @Override
    public double[] layerPenalty() {
        return layerPenalty.clone();
    }

    @Override
    public double[] layerWeightNorm() {
        return layerWeightNorm.clone();
    }
}
