package org.regstudy.search.arbiter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdaMaxSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.conf.updater.NadamSpace;
import org.deeplearning4j.arbiter.layers.BaseLayerSpace;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arbiter 1.0.0-beta7's {@code AdamSpace}, {@code AdaMaxSpace} and {@code NadamSpace} fill a
 * {@code beta1}, {@code beta2} or {@code epsilon} they were not given with 0.001 (their default
 * learning rate), where DL4J's {@code Adam(lr)}, {@code AdaMax(lr)} and {@code Nadam(lr)} use 0.9,
 * 0.999 and 1e-8: {@code new AdamSpace(lr)} trains every candidate with {@code Adam(lr, 0.001,
 * 0.001, 0.001)}. This sets the missing values to DL4J's, on the network's and every layer's
 * updater and bias-updater spaces.
 */
final class AdamSpaceDefaults {
    private static final Logger LOG = LoggerFactory.getLogger(AdamSpaceDefaults.class);

    private AdamSpaceDefaults() {
    }

    /**
     * Completes the Adam-family spaces of {@code space} in place, with one warning when any was
     * incomplete; returns how many updater spaces were completed.
     */
    static int complete(MultiLayerSpace space) {
        List<ParameterSpace<IUpdater>> updaters = new ArrayList<>();
        updaters.add(space.getUpdater());
        updaters.add(space.getBiasUpdater());
        for (var c : space.getLayerSpaces()) {
            LayerSpace<?> l = c.getLayerSpace();
            if (l instanceof PenalizedLayerSpace<?> p) {
                l = p.inner();
            }
            if (l instanceof BaseLayerSpace<?> b) {
                updaters.add(b.getUpdater());
                updaters.add(b.getBiasUpdater());
            }
        }
        int completed = 0;
        for (ParameterSpace<IUpdater> u : updaters) {
            if (complete(u)) {
                completed++;
            }
        }
        if (completed > 0) {
            LOG.warn("Arbiter's AdamSpace/AdaMaxSpace/NadamSpace without beta1, beta2 or epsilon would train with 0.001"
                    + " for each; RegStudy sets DL4J's defaults ({}, {}, {}) in {} updater space(s); give them explicitly"
                    + " to choose others", Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY,
                    Adam.DEFAULT_ADAM_EPSILON, completed);
        }
        return completed;
    }

    // Adam, AdaMax and Nadam share DL4J's defaults: 0.9, 0.999, 1e-8 (non-short-circuit |: every missing one is set).
    private static boolean complete(ParameterSpace<IUpdater> u) {
        if (u instanceof AdamSpace a) {
            return fill(a.getBeta1(), a::setBeta1, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY)
                    | fill(a.getBeta2(), a::setBeta2, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY)
                    | fill(a.getEpsilon(), a::setEpsilon, Adam.DEFAULT_ADAM_EPSILON);
        }
        if (u instanceof AdaMaxSpace a) {
            return fill(a.getBeta1(), a::setBeta1, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY)
                    | fill(a.getBeta2(), a::setBeta2, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY)
                    | fill(a.getEpsilon(), a::setEpsilon, Adam.DEFAULT_ADAM_EPSILON);
        }
        if (u instanceof NadamSpace a) {
            return fill(a.getBeta1(), a::setBeta1, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY)
                    | fill(a.getBeta2(), a::setBeta2, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY)
                    | fill(a.getEpsilon(), a::setEpsilon, Adam.DEFAULT_ADAM_EPSILON);
        }
        return false;
    }

    /** Sets {@code value} through {@code set} when {@code current} is unset; whether it did. */
    private static boolean fill(ParameterSpace<Double> current, Consumer<ParameterSpace<Double>> set, double value) {
        if (current != null) {
            return false;
        }
        set.accept(new FixedValue<>(value));
        return true;
    }
}
