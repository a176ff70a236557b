package org.regstudy.search;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.train.TrainingSettings;

/**
 * What every run of one job shares: the prepared (normalized) data parts, the training
 * settings, the verdict thresholds, the seeds and the provenance of the data.
 *
 * @param test held-out test part; null when the split has none. No run, search or selection
 *     reads it: only the final evaluation of the selected candidates.
 * @param normalizer fitted on the training part only; stored inside saved model zips; may be null
 * @param saveModels whether runs write their model zip (pruned at the end of a job)
 */
public record RunContext(
        DataSet train,
        DataSet validation,
        DataSet test,
        boolean classification,
        DataNormalization normalizer,
        TrainingSettings settings,
        Thresholds thresholds,
        long baseSeed,
        String jobHash,
        String dataFingerprint,
        String dataDescription,
        String dataShape,
        long splitSeed,
        boolean saveModels) {
}
