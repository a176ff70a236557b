package org.regstudy.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled examples, immutable by convention (never modify the arrays; {@link #toDataSet()} and
 * {@link #rows(int[])} return copies).
 *
 * <p>Shapes: features {@code [n, f]} for tables or {@code [n, f, T]} for sequences; labels
 * one-hot {@code [n, k]} for classification or {@code [n, 1]} for regression (sequences:
 * {@code [n, k, T]} / {@code [n, 1, T]}). Arrays are {@code FLOAT}, the data type of DL4J networks.
 *
 * @param name short name (file name without extension, or generator name)
 * @param featureNames one name per feature ({@code f} entries)
 * @param classNames class names by index for classification ({@code k} entries); empty for regression
 * @param fingerprint provenance of the data
 */
public record Dataset(String name, INDArray features, INDArray labels, TaskType task,
                      List<String> featureNames, List<String> classNames, Fingerprint fingerprint) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(fingerprint, "fingerprint");
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        int rank = features.rank();
        if (rank != 2 && rank != 3) {
            throw new IllegalArgumentException("features must have rank 2 or 3, got shape " + shape(features));
        }
        if (labels.rank() != rank) {
            throw new IllegalArgumentException("labels must have the rank of features (" + rank + "), got shape " + shape(labels));
        }
        if (labels.size(0) != features.size(0)) {
            throw new IllegalArgumentException("labels rows " + labels.size(0) + " != features rows " + features.size(0));
        }
        if (rank == 3 && labels.size(2) != features.size(2)) {
            throw new IllegalArgumentException("labels length " + labels.size(2) + " != features length " + features.size(2));
        }
        if (featureNames.size() != features.size(1)) {
            throw new IllegalArgumentException("featureNames has " + featureNames.size() + " names for " + features.size(1) + " features");
        }
        if (task == TaskType.CLASSIFICATION && classNames.size() != labels.size(1)) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names for " + labels.size(1) + " label columns");
        }
        if (task == TaskType.REGRESSION && !classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must be empty for regression, got " + classNames);
        }
    }

    private static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }

    /** Number of examples {@code n}. */
    public int size() {
        return (int) features.size(0);
    }

    /** Number of features {@code f} (per time step for sequences). */
    public int numFeatures() {
        return (int) features.size(1);
    }

    /** Number of label columns: {@code k} classes, or 1 for regression. */
    public int numOutputs() {
        return (int) labels.size(1);
    }

    /** Whether examples are sequences ({@code [n, f, T]}). */
    public boolean isSequence() {
        return features.rank() == 3;
    }

    /** Sequence length {@code T}, or 1 for tables. */
    public int sequenceLength() {
        return isSequence() ? (int) features.size(2) : 1;
    }

    /**
     * Examples per class (classification only). For sequences, a sequence counts for the class of
     * its first time step.
     */
    public int[] classCounts() {
        if (task != TaskType.CLASSIFICATION) {
            throw new IllegalStateException("classCounts() is for classification; " + name + " is " + task);
        }
        int[] idx = classIndices();
        int[] counts = new int[numOutputs()];
        for (int c : idx) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * How many rows (for sequences: time steps, over all examples) hold each class, from the one-hot
     * labels' sums; all-zero label rows (padding) count for none. Unlike {@link #classCounts}, which
     * counts each sequence once by its first step, a class that appears only at later steps is counted.
     */
    public long[] stepClassCounts() {
        if (task != TaskType.CLASSIFICATION) {
            throw new IllegalStateException("stepClassCounts() is for classification; " + name + " is " + task);
        }
        INDArray sums = isSequence() ? labels.sum(0, 2) : labels.sum(0);
        double[] v = sums.toDoubleVector();
        long[] out = new long[v.length];
        for (int c = 0; c < v.length; c++) {
            out[c] = Math.round(v[c]);
        }
        return out;
    }

    /** The class index of every example (argmax of its one-hot row; first time step for sequences). */
    public int[] classIndices() {
        if (task != TaskType.CLASSIFICATION) {
            throw new IllegalStateException("classIndices() is for classification; " + name + " is " + task);
        }
        INDArray l = isSequence() ? labels.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)) : labels;
        return l.argMax(1).toIntVector();
    }

    /** A copy of the examples at {@code rowIndices}, in the order given (repeats allowed). */
    public Dataset rows(int[] rowIndices) {
        Objects.requireNonNull(rowIndices, "rowIndices");
        if (rowIndices.length == 0) {
            throw new IllegalArgumentException("rowIndices must not be empty (a dataset has at least one row)");
        }
        int n = size();
        for (int r : rowIndices) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("rowIndices contains " + r + ", outside [0, " + n + ")");
            }
        }
        return new Dataset(name, gather(features, rowIndices), gather(labels, rowIndices), task, featureNames, classNames, fingerprint);
    }

    private static INDArray gather(INDArray a, int[] rows) {
        if (a.rank() == 2) {
            return Nd4j.pullRows(a, 1, rows);
        }
        long[] shape = a.shape();
        INDArray out = Nd4j.create(a.dataType(), rows.length, shape[1], shape[2]);
        for (int i = 0; i < rows.length; i++) {
            out.putSlice(i, a.slice(rows[i]));
        }
        return out;
    }

    /**
     * The labels of a two-class problem trained with one output: the probability of class 1, the
     * second column of one-hot labels {@code [n, 2]} (or {@code [n, 2, T]}), as {@code [n, 1]} ({@code [n, 1, T]}).
     */
    public static INDArray positiveClass(INDArray oneHot) {
        return oneHot.rank() == 2
                ? oneHot.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup()
                : oneHot.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    }

    /** A DL4J {@code DataSet} holding copies of the arrays (normalizers may change it in place). */
    public org.nd4j.linalg.dataset.DataSet toDataSet() {
        return new org.nd4j.linalg.dataset.DataSet(features.dup(), labels.dup());
    }

    /** A copy with other features (same rows), e.g. normalized ones. */
    public Dataset withFeatures(INDArray newFeatures) {
        return new Dataset(name, newFeatures, labels, task, featureNames, classNames, fingerprint);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size() + " x " + numFeatures() + (isSequence() ? " x " + sequenceLength() : "")
                + ", " + task + ", outputs=" + numOutputs() + ", " + fingerprint.sha256().substring(0, 12) + "]";
    }
}
