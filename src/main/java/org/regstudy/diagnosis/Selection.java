package org.regstudy.diagnosis;

/**
 * The selected strengths of a validation curve (see {@link ValidationCurve#select}).
 *
 * @param best              the candidate with the lowest mean validation loss
 * @param oneStandardError  the strongest candidate whose mean validation loss is {@code <= best + SE(best)}
 * @param bestStandardError {@code SE(best) = std / sqrt(n)} of the best's validation loss; NaN when n = 1
 * @param explanation       the numbers behind the choice
 */
public record Selection(CurvePoint best, CurvePoint oneStandardError, double bestStandardError, String explanation) {
}
