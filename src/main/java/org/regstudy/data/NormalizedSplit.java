package org.regstudy.data;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A split whose parts were scaled by a normalizer fitted on its training part only.
 *
 * @param normalizer the fitted DL4J normalizer ({@code null} for {@link NormalizationKind#NONE});
 *     store it with the model via {@code ModelSerializer.addNormalizerToModel}
 */
public record NormalizedSplit(Split split, DataNormalization normalizer) {
}
