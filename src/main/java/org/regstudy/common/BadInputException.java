package org.regstudy.common;

/**
 * Bad input from a user: a malformed file, an invalid spec field, an unreadable model.
 *
 * <p>The message is one line that says what was wrong and where (file, line, column, field),
 * so that the CLI can print it as is and exit with code 2. Programming errors inside RegStudy
 * are other exceptions and exit with code 1.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Further problems found with the first (the CLI lists them under --verbose). */
    private final java.util.List<String> furtherProblems = new java.util.ArrayList<>();

    /** A bad input whose message is the first problem, with {@code further} found in the same check. */
    public BadInputException(String message, java.util.List<String> further) {
        super(message);
        furtherProblems.addAll(further);
    }

    /** The problems found beside the message's, each a full one-line message; empty for most. */
    public java.util.List<String> furtherProblems() {
        return java.util.List.copyOf(furtherProblems);
    }
}
