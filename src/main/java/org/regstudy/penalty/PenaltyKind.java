package org.regstudy.penalty;

/** The kinds of weight penalty RegStudy can put on a parameter group. */
public enum PenaltyKind {
    /** No penalty. */
    NONE,
    /** DL4J's L1: subgradient {@code c*sign(w)} added to the gradient; term {@code c*sum|w|}. */
    L1,
    /** L1 by a proximal step: {@code w <- sign(w)*max(|w| - lr*c, 0)} after the update; exact zeros. */
    L1_PROXIMAL,
    /** DL4J's L2: {@code c*w} added to the gradient before the updater; term {@code 0.5*c*sum w^2}. */
    L2,
    /** L1 (subgradient) plus L2; term {@code l1*sum|w| + 0.5*l2*sum w^2}. */
    ELASTIC_NET,
    /** Decoupled weight decay: {@code update += (lr*)c*w} after the updater; term {@code 0.5*c*sum w^2}. */
    WEIGHT_DECAY
}
