/**
 * Over/underfitting diagnosis from recorded data losses (never including the penalty), validation curves,
 * selection rules and learning curves. Pure Java (commons-math3 for Student-t quantiles).
 *
 * <h2>Notation</h2>
 * {@code L_tr}, {@code L_va}: training and validation data loss at the evaluated epoch; {@code L_0}: data
 * loss of the trivial predictor on the training part (class priors; the training mean for regression);
 * {@code L_min}: lowest recorded validation loss up to the evaluated epoch. Thresholds ({@link
 * org.regstudy.diagnosis.Thresholds}, defaults): {@code u = 0.5}, {@code g = 0.1}, {@code rho = 1.1},
 * confidence {@code 0.95}.
 *
 * <h2>Single run ({@link org.regstudy.diagnosis.VerdictRules#diagnose})</h2>
 * <ul>
 *   <li>UNDERFITTING: {@code L_tr > u * L_0}.</li>
 *   <li>OVERFITTING: {@code L_va - L_tr > g * L_0}, or {@code L_va > rho * L_min} while
 *       {@code L_tr(evaluated) < L_tr(epoch of L_min)}.</li>
 *   <li>Both: UNDERFITTING, both findings in the evidence. Neither: GOOD_FIT.</li>
 * </ul>
 * The evaluated epoch is the last entry of the history: pass {@code history.upTo(bestEpoch)} when early
 * stopping restored the best weights.
 *
 * <h2>Repeats ({@link org.regstudy.diagnosis.VerdictRules#diagnoseRepeats})</h2>
 * For n &gt;= 2, per-run ratios {@code L_tr/L_0}, {@code (L_va-L_tr)/L_0} and {@code L_va/L_min} get
 * a mean and a Student-t interval {@code mean +- t_{1-(1-c)/2, n-1} s/sqrt(n)}. A rule HOLDS when its
 * interval lies wholly above its threshold, is ABSENT when wholly at or below, else UNDECIDED; the rise
 * rule also needs the training loss to keep falling in every run (ABSENT if in none). UNDERFITTING if
 * underfit holds; OVERFITTING if underfit is absent and gap or rise holds; GOOD_FIT if all are absent;
 * otherwise INCONCLUSIVE. For n = 1 the single-run verdict, marked {@code hasInterval = false}.
 *
 * <h2>Still improving ({@link org.regstudy.diagnosis.VerdictRules#stillImproving})</h2>
 * A run whose kept epoch is its last recorded one and whose {@code L_va(c) - L_va(e_last) > 0.01 L_0},
 * {@code c = 0.9 e_last}, {@code L_va(c)} interpolated linearly between the records around it: noted in
 * the repeats' findings ("still improving in k of n runs"); no verdict changes.
 *
 * <h2>Validation curve ({@link org.regstudy.diagnosis.ValidationCurve})</h2>
 * Best: lowest mean validation loss {@code m*}. Band: {@code mean <= m* + SE*},
 * {@code SE* = std(best)/sqrt(n(best))} (0 when n = 1). Reading: in band GOOD_FIT; outside and weaker
 * OVERFITTING (under-regularized); outside and stronger UNDERFITTING (over-regularized); INCONCLUSIVE
 * with no finite mean, outside the band at the best's own strength, or outside it when n(best) = 1. 1-SE selection:
 * the strongest candidate in the band.
 *
 * <h2>Learning curve ({@link org.regstudy.diagnosis.LearningCurves})</h2>
 * At the largest training size: HIGH_BIAS if {@code L_tr > u * L_0}, else HIGH_VARIANCE if
 * {@code L_va - L_tr > g * L_0}, else GOOD.
 */
package org.regstudy.diagnosis;
