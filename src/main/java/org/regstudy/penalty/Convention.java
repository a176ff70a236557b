package org.regstudy.penalty;

/** Whose meaning a penalty strength has. DL4J's is canonical inside RegStudy. */
public enum Convention {
    /** DL4J: {@code l1(c)} adds {@code c*sum|w|}, {@code l2(c)} adds {@code 0.5*c*sum w^2}. */
    DL4J,
    /** Keras: {@code l1(x)} adds {@code x*sum|w|}, {@code l2(x)} adds {@code x*sum w^2}. */
    KERAS,
    /** PyTorch: {@code weight_decay} of SGD/Adam adds {@code wd*w} to the gradient; of AdamW decays decoupled, scaled by lr. */
    PYTORCH
}
