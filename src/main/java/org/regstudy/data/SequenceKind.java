package org.regstudy.data;

/** The series {@link Generators#series} draws. */
public enum SequenceKind {
    /** {@code x_t = sin(2 pi t / 25) + noise * e_t}. */
    SINE,
    /** AR(2): {@code x_t = 0.75 x_{t-1} - 0.25 x_{t-2} + noise * e_t}, {@code x_0 = 1, x_1 = 0.75}. */
    AR
}
