package org.regstudy.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Leak-free feature scaling: the statistics come from the training rows alone and are then
 * applied to copies of every part. The normalizer is a stock DL4J one so that it travels inside
 * the model zip ({@code ModelSerializer.addNormalizerToModel}) and a saved model scales new
 * inputs exactly as in training.
 *
 * <p>{@link NormalizationKind#STANDARDIZE}: {@code x' = (x - mean_train) / std_train} with the
 * population standard deviation (divisor {@code n}) of the training rows (for sequences, of all
 * their time steps); DL4J replaces a zero std by a tiny epsilon. {@link NormalizationKind#MIN_MAX}:
 * {@code x' = (x - min_train) / (max_train - min_train)}, so validation and test values may fall
 * outside [0, 1]. Labels are never scaled.
 */
public final class Normalization {
    private Normalization() {
    }

    /** Fits {@code kind} on {@code split.train()} and returns the scaled copies with the normalizer. */
    public static NormalizedSplit fit(Split split, NormalizationKind kind) {
        if (kind == NormalizationKind.NONE) {
            return new NormalizedSplit(split, null);
        }
        DataNormalization normalizer = kind == NormalizationKind.STANDARDIZE ? new NormalizerStandardize() : new NormalizerMinMaxScaler();
        normalizer.fit(split.train().toDataSet());
        Split scaled = new Split(apply(normalizer, split.train()), apply(normalizer, split.validation()),
                apply(normalizer, split.test()), split.trainRows(), split.validationRows(), split.testRows());
        return new NormalizedSplit(scaled, normalizer);
    }

    /** A copy of {@code d} with its features transformed by the fitted {@code normalizer}. */
    public static Dataset apply(DataNormalization normalizer, Dataset d) {
        if (d == null) {
            return null;
        }
        INDArray f = d.features().dup();
        normalizer.transform(f);
        return d.withFeatures(f);
    }
}
