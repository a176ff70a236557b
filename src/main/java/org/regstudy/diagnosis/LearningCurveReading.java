package org.regstudy.diagnosis;

/**
 * The reading of a learning curve (see {@link LearningCurves#read}).
 *
 * @param reading     {@link #HIGH_VARIANCE}, {@link #HIGH_BIAS} or {@link #GOOD}
 * @param explanation the numbers behind it, and whether more data looks likely to help
 */
public record LearningCurveReading(String reading, String explanation) {

    /** Large final gap: more data (or more regularization) should help. */
    public static final String HIGH_VARIANCE = "HIGH_VARIANCE";
    /** High final training loss: more data cannot help; a larger model or less regularization may. */
    public static final String HIGH_BIAS = "HIGH_BIAS";
    /** Neither. */
    public static final String GOOD = "GOOD";
}
