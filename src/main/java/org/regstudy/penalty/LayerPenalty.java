package org.regstudy.penalty;

/** The penalties of one layer: on its weights (for LSTM: input W and recurrent RW) and on its biases. */
public record LayerPenalty(Penalty weights, Penalty biases) {

    private static final LayerPenalty NONE = new LayerPenalty(Penalty.none(), Penalty.none());

    /** Null penalties are rejected. */
    public LayerPenalty {
        if (weights == null) {
            throw new IllegalArgumentException("weights penalty must not be null");
        }
        if (biases == null) {
            throw new IllegalArgumentException("biases penalty must not be null");
        }
    }

    /** @return {@code p} on the weights, none on the biases */
    public static LayerPenalty weightsOnly(Penalty p) {
        return new LayerPenalty(p, Penalty.none());
    }

    /** @return no penalty at all */
    public static LayerPenalty none() {
        return NONE;
    }

    /** @return true when neither weights nor biases are penalized */
    public boolean isNone() {
        return weights.isNone() && biases.isNone();
    }

    @Override
    public String toString() {
        return "weights=" + weights + ", biases=" + biases;
    }
}
