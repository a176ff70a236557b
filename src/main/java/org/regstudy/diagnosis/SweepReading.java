package org.regstudy.diagnosis;

/**
 * The textbook reading of one strength along a validation curve (see {@link ValidationCurve#read}).
 *
 * @param candidateId the candidate read
 * @param verdict     GOOD_FIT (well regularized), OVERFITTING (under-regularized), UNDERFITTING
 *                    (over-regularized) or INCONCLUSIVE (no finite loss, or same strength as the best)
 * @param reason      the numbers behind it
 */
public record SweepReading(String candidateId, Verdict verdict, String reason) {
}
