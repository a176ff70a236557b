package org.regstudy.search.arbiter;

/**
 * What RegStudy does with one candidate: trains its repeats, stores records, returns the score
 * (mean validation DATA loss, lower is better; NaN or +infinity if all repeats diverged).
 *
 * <p>Called concurrently from up to {@code concurrency} threads, once per candidate. Throwing does
 * not stop a search: the candidate is recorded as {@code FAILED} with the exception's message.
 */
@FunctionalInterface
public interface CandidateEvaluator {

    /** @return the candidate's score and status */
    CandidateScore evaluate(SearchCandidate candidate) throws Exception;

    /** Whether the search should start no further candidate (e.g. after Ctrl-C); checked before each. */
    default boolean stopRequested() {
        return false;
    }
}
