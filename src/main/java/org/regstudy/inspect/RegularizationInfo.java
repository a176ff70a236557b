package org.regstudy.inspect;

/**
 * One regularization as stored in a layer configuration.
 *
 * @param kind "L1" (adds {@code c*sum|w|}), "L2" and "WEIGHT_DECAY" (both {@code 0.5*c*sum w^2};
 *     L2 on the gradient before the updater, weight decay after it), "PROXIMAL_L1"
 *     ({@code c*sum|w|} by soft-thresholding), or another class's simple name
 * @param coefficient the strength {@code c} at the model's stored iteration/epoch; NaN when an
 *     unknown class exposes none
 * @param applyLearningRate for weight decay, whether the decay is multiplied by the learning
 *     rate; null otherwise
 * @param details the JSON of an unknown regularization class (its bean properties); null for
 *     the known kinds
 */
public record RegularizationInfo(String kind, double coefficient, Boolean applyLearningRate, String details) {

    public static final String L1 = "L1";
    public static final String L2 = "L2";
    public static final String WEIGHT_DECAY = "WEIGHT_DECAY";
    public static final String PROXIMAL_L1 = "PROXIMAL_L1";

    /** A known kind without details. */
    public RegularizationInfo(String kind, double coefficient, Boolean applyLearningRate) {
        this(kind, coefficient, applyLearningRate, null);
    }

    /** Short text such as "L1 0.01", "WD 1e-4 (x lr)". */
    public String shortText() {
        String name = switch (kind) {
            case WEIGHT_DECAY -> "WD";
            case PROXIMAL_L1 -> "proxL1";
            default -> kind;
        };
        String c = Double.isNaN(coefficient) ? "?" : InspectionText.num(coefficient);
        String lr = applyLearningRate == null ? "" : applyLearningRate ? "(xlr)" : "(no lr)";
        return name + " " + c + lr;
    }
}
