package org.regstudy.data;

import java.util.Objects;

/**
 * A dataset divided into parts. The row arrays index the original dataset (in the order the
 * part's examples appear); {@code validation} or {@code test} is {@code null} when that part is
 * empty, and its row array is then empty.
 */
public record Split(Dataset train, Dataset validation, Dataset test, int[] trainRows, int[] validationRows, int[] testRows) {

    public Split {
        Objects.requireNonNull(train, "train");
        trainRows = trainRows.clone();
        validationRows = validationRows.clone();
        testRows = testRows.clone();
        if (train.size() != trainRows.length
                || (validation == null ? 0 : validation.size()) != validationRows.length
                || (test == null ? 0 : test.size()) != testRows.length) {
            throw new IllegalArgumentException("part sizes do not match their row arrays");
        }
    }

    /** Builds the parts from {@code data} by rows. */
    static Split of(Dataset data, int[] train, int[] validation, int[] test) {
        return new Split(data.rows(train), validation.length == 0 ? null : data.rows(validation),
                test.length == 0 ? null : data.rows(test), train, validation, test);
    }

    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    @Override
    public int[] validationRows() {
        return validationRows.clone();
    }

    @Override
    public int[] testRows() {
        return testRows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && java.util.Arrays.equals(trainRows, s.trainRows)
                && java.util.Arrays.equals(validationRows, s.validationRows) && java.util.Arrays.equals(testRows, s.testRows)
                && train.fingerprint().equals(s.train.fingerprint());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(trainRows) * 31 + java.util.Arrays.hashCode(validationRows) * 7 + java.util.Arrays.hashCode(testRows);
    }

    @Override
    public String toString() {
        return "Split[train=" + trainRows.length + ", validation=" + validationRows.length + ", test=" + testRows.length + "]";
    }
}
