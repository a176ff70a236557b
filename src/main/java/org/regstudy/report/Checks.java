package org.regstudy.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the chart records. */
final class Checks {
    private Checks() {
    }

    /** Throws IllegalArgumentException naming {@code name} when {@code value} is null or blank. */
    static String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /** Throws IllegalArgumentException when two of {@code names} are equal (legends need distinct entries). */
    static void requireUniqueNames(String title, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("chart '" + title + "': series name '" + n + "' appears twice");
            }
        }
    }
}
