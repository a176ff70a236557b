package org.regstudy.inspect;

import java.util.List;

/**
 * The inspection of one network: an immutable record that the text, JSON and HTML renderers take.
 *
 * @param schemaVersion version of this record's JSON form ({@link #SCHEMA_VERSION})
 * @param source where the network came from: the zip's path, or "memory"
 * @param modelType "MultiLayerNetwork" or "ComputationGraph"
 * @param totalParameters all parameters of the network
 * @param updater the updater(s) with their settings, as DL4J describes them
 * @param inputType what is known of the input (first layer's kind and nIn, or graph inputs)
 * @param normalizer the normalizer stored in the zip (type and statistics' shapes), null if none
 * @param layers the layers that have parameters or regularization
 */
public record ModelInspection(int schemaVersion, String source, String modelType, long totalParameters,
        String updater, String inputType, String normalizer, List<LayerInspection> layers) {

    /** Current schema version of the inspection JSON. */
    public static final int SCHEMA_VERSION = 1;

    public ModelInspection {
        layers = List.copyOf(layers);
    }

    /** Sum of the layers' penalty terms. */
    public double totalPenalty() {
        return layers.stream().mapToDouble(LayerInspection::penaltyTerm).sum();
    }

    /** The same inspection with another source (and normalizer) text. */
    public ModelInspection withSource(String newSource, String newNormalizer) {
        return new ModelInspection(schemaVersion, newSource, modelType, totalParameters, updater, inputType,
                newNormalizer, layers);
    }
}
