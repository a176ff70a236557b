package org.regstudy.network;

import java.util.Locale;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The output layer: units, activation (DL4J {@code Activation} name) and loss (DL4J {@code LossFunction} name: MCXENT, XENT, MSE...). */
public record OutputSpec(int units, String activation, String loss) {

    /** Validates units, activation and loss names. */
    public OutputSpec {
        if (units < 1) {
            throw new IllegalArgumentException("output units must be >= 1, got " + units);
        }
        activation = NetworkSpec.activationName(activation);
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        try {
            loss = LossFunctions.LossFunction.valueOf(loss.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loss '" + loss + "' is not a DL4J LossFunction (e.g. MCXENT, XENT, MSE)");
        }
    }

    /** @return the DL4J activation */
    public Activation dl4jActivation() {
        return Activation.valueOf(activation);
    }

    /** @return the DL4J loss function */
    public LossFunctions.LossFunction dl4jLoss() {
        return LossFunctions.LossFunction.valueOf(loss);
    }
}
