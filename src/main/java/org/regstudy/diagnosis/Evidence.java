package org.regstudy.diagnosis;

import java.util.List;

/**
 * The numbers that decided a single-run verdict, evaluated at {@code epoch} (the last recorded epoch of
 * the history given to {@link VerdictRules#diagnose}).
 *
 * @param epoch                    the evaluated epoch
 * @param trainLoss                {@code L_tr}, training data loss at {@code epoch}
 * @param validationLoss           {@code L_va}, validation data loss at {@code epoch}
 * @param trivialLoss              {@code L_0}
 * @param minValidationLoss        {@code L_min}, lowest recorded validation loss up to {@code epoch}
 * @param minValidationEpoch       the (first) epoch where {@code L_min} was recorded
 * @param trainRatio               {@code L_tr / L_0}
 * @param gapRatio                 {@code (L_va - L_tr) / L_0}
 * @param trainKeptFallingAfterMin {@code L_tr(epoch) < L_tr(minValidationEpoch)} (false when the minimum is at {@code epoch})
 * @param findings                 one human-readable line per rule, with its numbers, fired or not
 * @param riseRatio                {@code L_va / L_min} (1 when both are 0; +Infinity when only {@code L_min} is 0)
 * @param underfitRule             {@code L_tr > underfitRatio * L_0}
 * @param gapRule                  {@code L_va - L_tr > gapRatio * L_0}
 * @param riseRule                 {@code L_va > riseRatio * L_min} and {@code trainKeptFallingAfterMin}
 */
public record Evidence(int epoch, double trainLoss, double validationLoss, double trivialLoss,
                       double minValidationLoss, int minValidationEpoch, double trainRatio, double gapRatio,
                       boolean trainKeptFallingAfterMin, List<String> findings,
                       double riseRatio, boolean underfitRule, boolean gapRule, boolean riseRule) {

    public Evidence {
        findings = List.copyOf(findings);
    }
}
