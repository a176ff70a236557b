package org.regstudy.data;

import java.util.Objects;

/**
 * How to read a CSV table.
 *
 * @param labelColumn the label's column: a header name, a 0-based index written as digits
 *     ({@code "4"}), or {@code null} for the last column
 * @param header whether the first line holds column names ({@link Header#AUTO}: it does when
 *     any of its fields other than the label's is not a number)
 * @param task classification (integer or string labels) or regression (real targets)
 * @param numClasses for integer class labels, the number of classes {@code k} (labels must lie
 *     in {@code [0, k)}); {@code null} infers {@code k = max label + 1}. Ignored for string
 *     labels and for regression.
 */
public record CsvOptions(String labelColumn, Header header, TaskType task, Integer numClasses) {

    /** Whether the first line is a header. */
    public enum Header { AUTO, PRESENT, ABSENT }

    public CsvOptions {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(task, "task");
        if (labelColumn != null && labelColumn.isBlank()) {
            throw new IllegalArgumentException("labelColumn must be a name, digits or null, got '" + labelColumn + "'");
        }
        if (labelColumn != null && header == Header.ABSENT && !isIndex(labelColumn)) {
            throw new IllegalArgumentException("labelColumn '" + labelColumn
                    + "' is a name but header is ABSENT; give an index or a header");
        }
        if (numClasses != null && (numClasses < 2 || numClasses > CsvLoader.MAX_CLASSES)) {
            throw new IllegalArgumentException("numClasses must be in [2, " + CsvLoader.MAX_CLASSES + "], got " + numClasses);
        }
    }

    /** Label in the last column, header detected, classification, classes inferred. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, Header.AUTO, TaskType.CLASSIFICATION, null);
    }

    /** A copy with another label column (name, digits or null for the last). */
    public CsvOptions withLabelColumn(String column) {
        return new CsvOptions(column, header, task, numClasses);
    }

    /** A copy with another header setting. */
    public CsvOptions withHeader(Header h) {
        return new CsvOptions(labelColumn, h, task, numClasses);
    }

    /** A copy with another task. */
    public CsvOptions withTask(TaskType t) {
        return new CsvOptions(labelColumn, header, t, numClasses);
    }

    /** A copy with a fixed number of classes. */
    public CsvOptions withNumClasses(Integer k) {
        return new CsvOptions(labelColumn, header, task, k);
    }

    static boolean isIndex(String column) {
        return column != null && !column.isEmpty() && column.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The settings as they enter the fingerprint. */
    String describe() {
        return "label=" + (labelColumn == null ? "last" : labelColumn) + " header=" + header + " task=" + task
                + (numClasses == null ? "" : " numClasses=" + numClasses);
    }
}
