package org.regstudy.search.arbiter;

import java.util.Set;

/**
 * The outcome of one candidate.
 *
 * @param score mean validation data loss of its repeats (no penalty term), lower is better; NaN or
 *     +infinity when no repeat produced a finite loss
 * @param status {@code COMPLETED}, {@code DIVERGED} or {@code FAILED}
 * @param detail why it diverged or failed (empty when completed), one line
 */
public record CandidateScore(double score, String status, String detail) {

    /** The accepted statuses. */
    public static final Set<String> STATUSES = Set.of("COMPLETED", "DIVERGED", "FAILED");

    /** Validates the status; a null detail becomes empty. */
    public CandidateScore {
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of COMPLETED, DIVERGED, FAILED, got " + status);
        }
        detail = detail == null ? "" : detail;
    }

    /** A completed candidate with score {@code s}. */
    public static CandidateScore completed(double s) {
        return new CandidateScore(s, "COMPLETED", "");
    }

    /** A candidate whose repeats all diverged: score +infinity. */
    public static CandidateScore diverged(String detail) {
        return new CandidateScore(Double.POSITIVE_INFINITY, "DIVERGED", detail);
    }

    /** A candidate that could not be built or trained: score NaN. */
    public static CandidateScore failed(String detail) {
        return new CandidateScore(Double.NaN, "FAILED", detail);
    }
}
