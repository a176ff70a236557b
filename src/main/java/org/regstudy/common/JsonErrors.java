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

    private static final Pattern YAML_MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):?$");

    /**
     * The readable first line of {@code message} (a Jackson exception's original message); "" for null.
     * A YAML parser's message of several parts ("while parsing a flow mapping / in 'reader', line 4,
     * column 10: / (the text) / expected ',' or '}', but got <stream end> / ...") keeps its description
     * lines, the first with where it began: "while parsing a flow mapping (from line 4, column 10):
     * expected ',' or '}', but got <stream end>".
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String[] lines = message.split("\n");
        java.util.List<String> parts = new java.util.ArrayList<>();
        String firstMark = null;
        for (String l : lines) {
            java.util.regex.Matcher m = YAML_MARK.matcher(l);
            if (m.matches()) {
                if (firstMark == null) {
                    firstMark = "line " + m.group(1) + ", column " + m.group(2);
                }
            } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                parts.add(SOURCE.matcher(l).replaceAll("line $1, column $2").strip());
            }
        }
        if (parts.isEmpty()) {
            return lines.length == 0 ? "" : lines[0].strip();
        }
        if (parts.size() == 1 || firstMark == null) {
            return parts.get(0);
        }
        return parts.get(0) + " (from " + firstMark + "): " + String.join("; ", parts.subList(1, parts.size()));
    }
}
