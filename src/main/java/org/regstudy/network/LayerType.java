package org.regstudy.network;

/** Hidden layer types a {@link NetworkSpec} can hold. */
public enum LayerType {
    /** Fully connected layer. */
    DENSE,
    /** LSTM layer (sequence input); its input weights W and recurrent weights RW are both "weights". */
    LSTM
}
