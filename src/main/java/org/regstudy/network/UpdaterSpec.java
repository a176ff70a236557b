package org.regstudy.network;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Optimizer and its settings. {@code momentum} is used by NESTEROVS only; {@code adamWDecay} by
 * ADAMW only (for other kinds both must be 0). ADAMW = Adam({@code learningRate}) plus
 * {@code WeightDecay(adamWDecay, applyLR=true)} on every layer's weights, merged into the plan by
 * {@link NetworkFactory} (a layer whose plan already has a weight decay keeps the plan's).
 */
public record UpdaterSpec(UpdaterKind kind, double learningRate, double momentum, double adamWDecay) {

    /** Validates the settings. */
    public UpdaterSpec {
        if (kind == null) {
            throw new IllegalArgumentException("updater kind must not be null");
        }
        if (!Double.isFinite(learningRate) || learningRate <= 0) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (!Double.isFinite(momentum) || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (kind != UpdaterKind.NESTEROVS && momentum != 0) {
            throw new IllegalArgumentException("momentum must be 0 for " + kind + ", got " + momentum);
        }
        if (!Double.isFinite(adamWDecay) || adamWDecay < 0) {
            throw new IllegalArgumentException("adamWDecay must be finite and >= 0, got " + adamWDecay);
        }
        if (kind != UpdaterKind.ADAMW && adamWDecay != 0) {
            throw new IllegalArgumentException("adamWDecay must be 0 for " + kind + ", got " + adamWDecay);
        }
    }

    /** Adam with learning rate {@code lr}. */
    public static UpdaterSpec adam(double lr) {
        return new UpdaterSpec(UpdaterKind.ADAM, lr, 0, 0);
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static UpdaterSpec sgd(double lr) {
        return new UpdaterSpec(UpdaterKind.SGD, lr, 0, 0);
    }

    /** Nesterov momentum. */
    public static UpdaterSpec nesterovs(double lr, double momentum) {
        return new UpdaterSpec(UpdaterKind.NESTEROVS, lr, momentum, 0);
    }

    /** AdamW: Adam plus decoupled decay {@code w -= lr*decay*w} on weights. */
    public static UpdaterSpec adamW(double lr, double decay) {
        return new UpdaterSpec(UpdaterKind.ADAMW, lr, 0, decay);
    }

    /** @return the DL4J updater (for ADAMW the Adam part; the decay goes into the regularization lists) */
    public IUpdater toDl4j() {
        return switch (kind) {
            case SGD -> new Sgd(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, momentum);
            case ADAM, ADAMW -> new Adam(learningRate);
        };
    }
}
