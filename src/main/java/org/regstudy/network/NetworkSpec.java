package org.regstudy.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A network: input width, hidden layers, output layer, updater, weight init (DL4J {@code WeightInit}
 * name), seed and data type (FLOAT by default in the builder).
 *
 * <p>A spec with LSTM layers is recurrent: all hidden layers must then be LSTM and the output is an
 * {@code RnnOutputLayer} (data shaped {@code [batch, features, time]}). Layer indices: hidden layers
 * 0..h-1, output layer h.
 */
public record NetworkSpec(int inputs, List<LayerSpec> hidden, OutputSpec output, UpdaterSpec updater,
                          String weightInit, long seed, DataType dataType) {

    /** Validates and copies. */
    public NetworkSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (hidden == null) {
            throw new IllegalArgumentException("hidden must not be null");
        }
        hidden = List.copyOf(hidden);
        if (output == null) {
            throw new IllegalArgumentException("output must not be null");
        }
        if (updater == null) {
            throw new IllegalArgumentException("updater must not be null");
        }
        if (weightInit == null) {
            throw new IllegalArgumentException("weightInit must not be null");
        }
        try {
            weightInit = WeightInit.valueOf(weightInit.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weightInit '" + weightInit + "' is not a DL4J WeightInit (e.g. XAVIER, RELU)");
        }
        if (dataType == null || !dataType.isFPType()) {
            throw new IllegalArgumentException("dataType must be a floating-point type, got " + dataType);
        }
        boolean anyLstm = hidden.stream().anyMatch(l -> l.type() == LayerType.LSTM);
        if (anyLstm) {
            for (int i = 0; i < hidden.size(); i++) {
                if (hidden.get(i).type() != LayerType.LSTM) {
                    throw new IllegalArgumentException("hidden layer " + i + ": type " + hidden.get(i).type()
                            + " in a recurrent network; all hidden layers must be LSTM");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        List<String> names = names(hidden);
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("layer name '" + n + "' is used twice");
            }
        }
    }

    private static List<String> names(List<LayerSpec> hidden) {
        List<String> names = new ArrayList<>(hidden.size() + 1);
        for (int i = 0; i < hidden.size(); i++) {
            String n = hidden.get(i).name();
            names.add(n == null ? "layer" + i : n);
        }
        names.add("output");
        return names;
    }

    static String activationName(String a) {
        if (a == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        try {
            return Activation.valueOf(a.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation '" + a + "' is not a DL4J Activation (e.g. relu, tanh, sigmoid)");
        }
    }

    /** @return the same spec with another seed */
    public NetworkSpec withSeed(long seed) {
        return new NetworkSpec(inputs, hidden, output, updater, weightInit, seed, dataType);
    }

    /** @return true when the hidden layers are LSTM (sequence data, RnnOutputLayer) */
    public boolean recurrent() {
        return !hidden.isEmpty() && hidden.get(0).type() == LayerType.LSTM;
    }

    /** @return names of hidden layers then the output layer ("output"), in index order */
    public List<String> layerNames() {
        return List.copyOf(names(hidden));
    }

    /** @return a builder (defaults: Adam 1e-3, XAVIER, seed 42, FLOAT) */
    public static Builder builder() {
        return new Builder();
    }

    /** Convenient construction: {@code .inputs(2).dense(500,"relu").output(1,"sigmoid","XENT").updater(UpdaterSpec.adam(1e-3)).seed(1).build()}. */
    public static final class Builder {
        private int inputs;
        private final List<LayerSpec> hidden = new ArrayList<>();
        private OutputSpec output;
        private UpdaterSpec updater = UpdaterSpec.adam(1e-3);
        private String weightInit = "XAVIER";
        private long seed = 42;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** Number of input features. */
        public Builder inputs(int n) {
            inputs = n;
            return this;
        }

        /** Adds a dense hidden layer. */
        public Builder dense(int units, String activation) {
            return layer(new LayerSpec(LayerType.DENSE, units, activation, null));
        }

        /** Adds a named dense hidden layer. */
        public Builder dense(int units, String activation, String name) {
            return layer(new LayerSpec(LayerType.DENSE, units, activation, name));
        }

        /** Adds an LSTM hidden layer. */
        public Builder lstm(int units, String activation) {
            return layer(new LayerSpec(LayerType.LSTM, units, activation, null));
        }

        /** Adds a hidden layer. */
        public Builder layer(LayerSpec spec) {
            hidden.add(spec);
            return this;
        }

        /** The output layer. */
        public Builder output(int units, String activation, String loss) {
            output = new OutputSpec(units, activation, loss);
            return this;
        }

        /** The updater. */
        public Builder updater(UpdaterSpec u) {
            updater = u;
            return this;
        }

        /** The weight init (DL4J WeightInit name). */
        public Builder weightInit(String w) {
            weightInit = w;
            return this;
        }

        /** The seed. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** The data type. */
        public Builder dataType(DataType t) {
            dataType = t;
            return this;
        }

        /** @return the validated spec */
        public NetworkSpec build() {
            return new NetworkSpec(inputs, hidden, output, updater, weightInit, seed, dataType);
        }
    }
}
