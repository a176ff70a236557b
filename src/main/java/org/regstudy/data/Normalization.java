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
 * their time steps). {@link NormalizationKind#MIN_MAX}:
 * {@code x' = (x - min_train) / (max_train - min_train)}, so validation and test values may fall
 * outside [0, 1]. {@link NormalizationKind#GLOBAL_MIN_MAX}: the same with one min and max over
 * all features, keeping their relative scales. Labels are never scaled.
 *
 * <p>A feature that is constant on the training rows (std or range 0, e.g. a border pixel of
 * digits that is 0 in every training image) is only shifted, with scale 1: DL4J would divide by
 * a tiny epsilon, so a single nonzero validation value would become ~1e5 and wreck that
 * example's loss.
 */
public final class Normalization {
    private Normalization() {
    }

    /** Fits {@code kind} on {@code split.train()} and returns the scaled copies with the normalizer. */
    public static NormalizedSplit fit(Split split, NormalizationKind kind) {
        if (kind == NormalizationKind.NONE) {
            return new NormalizedSplit(split, null);
        }
        DataNormalization normalizer = kind == NormalizationKind.STANDARDIZE ? new NormalizerStandardize()
                : new NormalizerMinMaxScaler();
        normalizer.fit(split.train().toDataSet());
        if (kind == NormalizationKind.GLOBAL_MIN_MAX) {
            NormalizerMinMaxScaler m = (NormalizerMinMaxScaler) normalizer;
            double lo = split.train().features().minNumber().doubleValue();
            double hi = split.train().features().maxNumber().doubleValue();
            m.setFeatureStats(m.getMin().assign(lo), m.getMax().assign(hi > lo ? hi : lo + 1));
        } else {
            normalizer = unitScaleForConstantFeatures(normalizer, constantFeatures(split.train()));
        }
        if (normalizer instanceof NormalizerStandardize z) {
            refuseOverflow(z, split.train());
        }
        Split scaled = new Split(apply(normalizer, split.train()), apply(normalizer, split.validation()),
                apply(normalizer, split.test()), split.trainRows(), split.validationRows(), split.testRows());
        return new NormalizedSplit(scaled, normalizer);
    }

    /**
     * DL4J fits the statistics in float32, squaring each value: beyond about 1.8e19 the standard
     * deviation overflows and every scaled value would be NaN or 0 (every run diverged). Refused,
     * naming the first such feature.
     */
    static void refuseOverflow(NormalizerStandardize z, Dataset train) {
        double[] mean = z.getMean().dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] std = z.getStd().dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < Math.min(mean.length, std.length); i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(std[i])) {
                String name = train.featureNames() != null && i < train.featureNames().size()
                        ? "'" + train.featureNames().get(i) + "'" : "#" + i;
                throw new org.regstudy.common.BadInputException("feature " + name + ": standardizing it overflows"
                        + " float32 (mean " + mean[i] + ", std " + std[i] + " on the training part: DL4J squares the"
                        + " values, and beyond about 1.8e19 the squares exceed 3.4e38); rescale the column, or use"
                        + " normalization: minmax");
            }
        }
    }

    /** 1 for each feature whose training values are all equal, else 0; shape [1, f]. */
    static INDArray constantFeatures(Dataset train) {
        INDArray f = train.features();
        int[] dims = f.rank() == 3 ? new int[] {0, 2} : new int[] {0};
        INDArray range = f.max(dims).sub(f.min(dims));
        return range.eq(0).castTo(f.dataType()).reshape(1, train.numFeatures());
    }

    /**
     * Gives constant features scale 1 (see the class comment). DL4J's fitted statistics already
     * carry its epsilon (a min-max "max" of min + 1e-5), so constancy is read from the data.
     */
    static DataNormalization unitScaleForConstantFeatures(DataNormalization normalizer, INDArray constant) {
        if (constant.sumNumber().doubleValue() == 0) {
            return normalizer;
        }
        INDArray varying = constant.rsub(1);
        if (normalizer instanceof NormalizerStandardize z) {
            INDArray std = z.getStd().reshape(constant.shape()).mul(varying).add(constant);
            return new NormalizerStandardize(z.getMean().dup(), std.reshape(z.getStd().shape()));
        }
        if (normalizer instanceof NormalizerMinMaxScaler m) {
            INDArray min = m.getMin().reshape(constant.shape());
            INDArray max = m.getMax().reshape(constant.shape()).mul(varying).add(min.add(1).mul(constant));
            m.setFeatureStats(m.getMin(), max.reshape(m.getMax().shape()));
        }
        return normalizer;
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
