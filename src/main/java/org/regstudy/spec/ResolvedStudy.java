package org.regstudy.spec;

import java.util.List;
import org.regstudy.data.Dataset;
import org.regstudy.data.NormalizedSplit;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.network.NetworkSpec;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.train.TrainingSettings;

/**
 * A validated spec turned into library objects, defaults applied: the loaded and split data, the
 * network, one penalty plan per strength (the strength-0 baseline first), the training settings
 * and thresholds.
 *
 * @param jobHash SHA-256 of the canonical spec (without concurrency), the data fingerprint and
 *     the loaded configuration, if any: the identity of the job's result directory
 * @param data the holdout split (with k-fold: fold 0)
 * @param folds every fold's split, normalizer fitted on that fold's training part; a single
 *     element (the holdout) without k-fold
 * @param network the network the spec describes ({@code network.hidden/output}); null when it names
 *     a configuration file
 * @param configurationJson the DL4J configuration loaded from {@code network.configuration}, as
 *     JSON (each candidate gets a copy with its plan on every layer); null when the spec describes
 *     the network
 * @param networkDescription one line on the network for the summary: layers, updater, epochs, batch
 * @param binaryAsSingleOutput true when a two-class problem is trained with one sigmoid output
 *     (loss XENT); labels are then the probability of class 1
 */
public record ResolvedStudy(
        StudySpec spec,
        String name,
        Dataset dataset,
        NormalizedSplit data,
        List<NormalizedSplit> folds,
        NetworkSpec network,
        String configurationJson,
        String networkDescription,
        List<StrengthPlan> strengths,
        TrainingSettings training,
        Thresholds thresholds,
        int repeats,
        long seed,
        int concurrency,
        String keepModels,
        List<Double> learningCurveFractions,
        String penaltyDescription,
        boolean binaryAsSingleOutput,
        String jobHash) {

    /**
     * One strength of the sweep and its plan.
     *
     * @param strength as written in the spec, in its convention (0 for the baseline)
     * @param dl4jStrength the sum over the penalized layers of each one's DL4J strength (l1 + l2 + weight decay), which
     *                     "stronger" and the 1-SE rule compare; a layer's own strength is in {@code plan}
     * @param plan the per-layer plan in DL4J strengths
     */
    public record StrengthPlan(double strength, double dl4jStrength, PenaltyPlan plan) {
    }

    public ResolvedStudy {
        if ((network == null) == (configurationJson == null)) {
            throw new IllegalArgumentException("exactly one of network and configurationJson must be given");
        }
    }

    public boolean classification() {
        return dataset.task() == org.regstudy.data.TaskType.CLASSIFICATION;
    }
}
