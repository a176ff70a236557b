package org.regstudy.network;

import java.util.Locale;

import org.nd4j.linalg.activations.Activation;

/**
 * One hidden layer: type, number of units, activation (a DL4J {@code Activation} name, any case)
 * and an optional name (null: {@code "layer<i>"} by position).
 */
public record LayerSpec(LayerType type, int units, String activation, String name) {

    /** Validates type, units and activation. */
    public LayerSpec {
        if (type == null) {
            throw new IllegalArgumentException("layer type must not be null");
        }
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        activation = NetworkSpec.activationName(activation);
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("layer name must not be blank, got '" + name + "'");
        }
    }

    /** @return the DL4J activation */
    public Activation dl4jActivation() {
        return Activation.valueOf(activation.toUpperCase(Locale.ROOT));
    }
}
