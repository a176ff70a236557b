package org.regstudy.common;

import java.util.regex.Pattern;

/**
 * Jackson's error messages as one line a user can read: the first line of the parser's own message,
 * with its source references ({@code [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]})
 * shortened to {@code line 1, column 1}.
 */
public final class JsonErrors {
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*?(?:\\([^)]*\\))?; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {
    }

    /** The readable first line of {@code message} (a Jackson exception's original message); "" for null. */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        return SOURCE.matcher(first).replaceAll("line $1, column $2").strip();
    }
}
