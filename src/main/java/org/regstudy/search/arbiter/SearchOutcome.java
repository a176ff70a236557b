package org.regstudy.search.arbiter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One candidate of a search and what became of it.
 *
 * @param index position in the generator's sequence
 * @param id {@link SearchCandidate#idOf(int)}
 * @param parameters the named parameter values (empty when they could not be read)
 * @param candidate the candidate handed to the evaluator; null when no valid configuration could be
 *     built (then {@code score} is FAILED with the reason and the evaluator was not called)
 * @param score the evaluator's score, or FAILED
 */
public record SearchOutcome(int index, String id, Map<String, Object> parameters, SearchCandidate candidate,
                            CandidateScore score) {

    /** Copies the parameters into a sorted unmodifiable map. */
    public SearchOutcome {
        if (score == null) {
            throw new IllegalArgumentException("score must not be null");
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
    }
}
