package org.regstudy.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The outcome of one training run.
 *
 * @param status how the run ended
 * @param reason why it diverged or failed (empty when completed)
 * @param epochsRun epochs actually trained
 * @param bestEpoch the epoch whose weights the run kept: under early stopping the epoch of the lowest recorded
 *     validation loss, otherwise the last epoch trained (the name is the early-stopping one; {@code
 *     RunRecord.bestEpoch} is the same)
 * @param trivialLoss L_0: data loss on the training part of the trivial predictor (class priors, or
 *     the training mean for regression)
 * @param history recorded epochs, in order
 * @param network the trained network (weights of {@code bestEpoch} under early stopping); null if
 *     the run failed before one existed. Not part of any file: models are saved separately.
 * @param millis wall time of the training
 */
public record TrainingResult(RunStatus status, String reason, int epochsRun, int bestEpoch, double trivialLoss,
                             List<EpochRecord> history, MultiLayerNetwork network, long millis) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** The last recorded epoch, or null when nothing was recorded. */
    public EpochRecord last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** The recorded epoch of the kept weights: {@code bestEpoch} under early stopping, else the last. */
    public EpochRecord kept() {
        for (EpochRecord r : history) {
            if (r.epoch() == bestEpoch) {
                return r;
            }
        }
        return last();
    }
}
