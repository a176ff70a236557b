package org.regstudy.search.arbiter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.regstudy.penalty.PenaltyPlan;

/**
 * One candidate proposed by Arbiter, ready for RegStudy's executor.
 *
 * @param index 0-based position in the generator's sequence (the same seed gives the same sequence)
 * @param id deterministic identity from the index: {@code c0007} for index 7 ({@link #idOf})
 * @param parameters the values Arbiter chose, by name (e.g. {@code layer0.l2}, {@code learningRate},
 *     {@code layer0.nOut}); numbers, booleans or strings; sorted and immutable
 * @param configuration the DL4J configuration Arbiter built, penalties on its layers
 * @param plan the penalties the configuration's layers carry, read back from it (DL4J strengths)
 */
public record SearchCandidate(int index, String id, Map<String, Object> parameters,
                              MultiLayerConfiguration configuration, PenaltyPlan plan) {

    /** Validates and copies the parameters into a sorted unmodifiable map. */
    public SearchCandidate {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, got '" + id + "'");
        }
        if (configuration == null) {
            throw new IllegalArgumentException("configuration must not be null");
        }
        if (plan == null) {
            throw new IllegalArgumentException("plan must not be null");
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
    }

    /** @return {@code "c"} followed by the index, zero-padded to 4 digits: 7 gives {@code c0007} */
    public static String idOf(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        return String.format(java.util.Locale.ROOT, "c%04d", index);
    }
}
