package org.regstudy.common;

/** Text from files made safe to print on a terminal. */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * {@code text} with every non-printable character escaped: {@code \n}, {@code \r}, {@code \t},
     * others (control, format, separator, unassigned, lone surrogate) as {@code \}{@code uXXXX};
     * so a name read from a file cannot move the cursor, recolour or forge lines of a terminal.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int cp = pair ? text.codePointAt(i) : c;
            int type = Character.getType(cp);
            boolean bad = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE;
            if (bad && sb == null) {
                sb = new StringBuilder(text.substring(0, i));
            }
            if (bad) {
                sb.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            if (pair) {
                if (bad) {
                    sb.append(String.format("\\u%04x", (int) text.charAt(i + 1)));
                }
                i++;
            }
        }
        return sb == null ? text : sb.toString();
    }
}
