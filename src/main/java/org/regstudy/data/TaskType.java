package org.regstudy.data;

/** What the labels are: class indices (one-hot encoded) or real-valued targets. */
public enum TaskType {
    /** Labels are class indices, stored one-hot as {@code [n, k]} (or {@code [n, k, T]}). */
    CLASSIFICATION,
    /** Labels are real targets, stored as {@code [n, 1]} (or {@code [n, 1, T]}). */
    REGRESSION
}
