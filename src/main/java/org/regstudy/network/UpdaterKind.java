package org.regstudy.network;

/** Optimizers. */
public enum UpdaterKind {
    /** Plain SGD: {@code w -= lr*g}. */
    SGD,
    /** Nesterov momentum (DL4J {@code Nesterovs}). */
    NESTEROVS,
    /** Adam. */
    ADAM,
    /** Adam plus decoupled weight decay {@code w -= lr*adamWDecay*w} on every layer's weights (DL4J WeightDecay, applyLR=true). */
    ADAMW
}
