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
}
