package org.regstudy.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.regstudy.common.BadInputException;
import org.regstudy.data.Dataset;
import org.regstudy.data.TaskType;
import org.regstudy.network.NetworkFactory;

/**
 * The network a spec names by {@code network.configuration}: a DL4J configuration (DL4J's JSON, or
 * a model zip's {@code configuration.json}) loaded, checked against the data before any training,
 * and described for the summary.
 *
 * <p>The checks: at most {@link #MAX_PARAMETERS} parameters; recurrent layers and an
 * {@code RnnOutputLayer} last exactly for sequence data; an output layer last with one unit per
 * class or target, or one sigmoid XENT unit for two classes; a dense first layer taking the data's
 * features; and then the network itself, initialized and run on the data's first row, must give
 * an output of the labels' shape and take one training step on it (this catches what the
 * layer-by-layer checks cannot: preprocessors, convolutions, a layer in the middle that takes the
 * wrong width, a sequence length only backpropagation checks).
 *
 * @param configuration the loaded configuration without penalties (the file's are removed: each
 *     candidate's plan replaces them), its iteration and epoch counts at 0
 * @param layerNames each layer's DL4J name, else its index
 * @param binaryAsSingleOutput two classes trained with one output (XENT, not softmax)
 * @param description one line: file, its SHA-256, layers, updaters, data type
 */
record ConfigurationFile(MultiLayerConfiguration configuration, List<String> layerNames,
                         boolean binaryAsSingleOutput, String description) {

    /** The most parameters a loaded configuration may have (a guard against an untrusted file's sizes). */
    static final long MAX_PARAMETERS = 200_000_000L;

    /**
     * The one limit on network size, for a loaded file and a network the spec describes alike
     * ({@code at} ends with the field, e.g. {@code "spec.yaml: network.hidden: "}).
     */
    static void refuseOverParameterLimit(long parameters, String at) {
        if (parameters > MAX_PARAMETERS) {
            throw new BadInputException(at + "the network has " + parameters + " parameters, more than the "
                    + MAX_PARAMETERS + " RegStudy trains");
        }
    }

    /** Loads {@code file}, checks it against {@code dataset}; errors are one line, prefixed by {@code where}. */
    static ConfigurationFile load(String file, Dataset dataset, String where) {
        String at = where + ": network.configuration: ";
        MultiLayerConfiguration conf;
        try {
            if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                // only configuration.json is read, but the zip gets the checks 'inspect' gives an untrusted
                // model (entry names, sizes, Java-serialized entries): one rule for one kind of file
                org.regstudy.inspect.ModelZipValidator.validate(Path.of(file));
            }
            conf = NetworkFactory.loadConfiguration(Path.of(file));
        } catch (BadInputException e) {
            throw new BadInputException(at + e.getMessage(), e);
        }
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        // NetworkFactory.loadConfiguration refuses a configuration without layers
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i) == null || conf.getConf(i).getLayer() == null) {
                throw new BadInputException(at + "entry " + i + " of confs has no layer");
            }
        }
        List<String> names = NetworkFactory.layerNames(conf);
        int n = names.size();
        long parameters = 0;
        boolean recurrent = false;
        for (int i = 0; i < n; i++) {
            Layer l = conf.getConf(i).getLayer();
            List<org.nd4j.linalg.learning.regularization.Regularization> ownPenalty;
            try {
                parameters += l.initializer().numParams(l);
                ownPenalty = NetworkFactory.penaltyOutOfReach(l);
            } catch (RuntimeException e) {
                throw new BadInputException(at + "layer " + i + " '" + names.get(i) + "' (" + l.getClass().getSimpleName()
                        + ") is incomplete: DL4J cannot size it (" + e.getClass().getSimpleName() + "); set its input type", e);
            }
            if (ownPenalty != null) {
                throw new BadInputException(at + "layer " + i + " '" + names.get(i) + "' (" + l.getClass().getSimpleName()
                        + ") carries a penalty of its own (" + ownPenalty + ") that RegStudy cannot replace through it;"
                        + " remove it from the file");
            }
            recurrent |= l instanceof BaseRecurrentLayer || l instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
        }
        refuseOverParameterLimit(parameters, at);
        Layer last = conf.getConf(n - 1).getLayer();
        if (dataset.isSequence() && !(recurrent && last instanceof RnnOutputLayer)) {
            throw new BadInputException(at + "sequence data needs a recurrent network: LSTM layers and an"
                    + " RnnOutputLayer last, got " + (recurrent ? "" : "no recurrent layer and ")
                    + last.getClass().getSimpleName() + " last");
        }
        if (!dataset.isSequence() && (recurrent || last instanceof RnnOutputLayer)) {
            throw new BadInputException(at + "the network is recurrent but the data are not sequences"
                    + " (data.generator.kind: sequence)");
        }
        if (!(last instanceof BaseOutputLayer out)) {
            throw new BadInputException(at + "the last layer must be an output layer (OutputLayer, RnnOutputLayer), got "
                    + last.getClass().getSimpleName());
        }
        boolean classification = dataset.task() == TaskType.CLASSIFICATION;
        int wanted = dataset.numOutputs();
        boolean single = false;
        if (out.getNOut() != wanted) {
            if (!(classification && wanted == 2 && out.getNOut() == 1)) {
                throw new BadInputException(at + "layer " + (n - 1) + " '" + names.get(n - 1) + "' has " + out.getNOut()
                        + " outputs but the data have " + wanted + (classification ? " classes" : " targets"));
            }
            // the rule of a described network (SpecResolver.output): one output for two classes is XENT, not softmax
            if (!(out.getLossFn() instanceof LossBinaryXENT) || out.getActivationFn() instanceof ActivationSoftmax) {
                throw new BadInputException(at + "layer " + (n - 1) + " '" + names.get(n - 1) + "' has one output for"
                        + " two classes; that needs loss XENT and an activation other than softmax (a sigmoid), got "
                        + out.getActivationFn() + " with " + out.getLossFn());
            }
            single = true;
        }
        Layer first = conf.getConf(0).getLayer();
        boolean preprocessed = conf.getInputPreProcess(0) != null;
        boolean takesFeatures = first instanceof DenseLayer || first instanceof BaseRecurrentLayer || first instanceof BaseOutputLayer;
        if (takesFeatures && !preprocessed && ((FeedForwardLayer) first).getNIn() != dataset.numFeatures()) {
            FeedForwardLayer ff = (FeedForwardLayer) first;
            throw new BadInputException(at + "layer 0 '" + names.get(0) + "' takes " + ff.getNIn()
                    + " inputs but the data have " + dataset.numFeatures() + " features");
        }
        runOnFirstRow(conf, dataset, single, at);
        MultiLayerConfiguration plain = NetworkFactory.applyPlan(conf, org.regstudy.penalty.PenaltyPlan.none());
        return new ConfigurationFile(plain, names, single, describe(conf, file, sha256(file, at)));
    }

    /**
     * The layers that cannot carry a penalty on {@code target} ("weights", "biases", "both"), with the
     * reason for messages: those without such parameters DL4J penalizes (pooling, activation,
     * dropout, batch normalization, frozen layers, biases of a layer built without them), which "all
     * layers" passes over ({@link #skippedByAll}), and those whose parameters are out of reach, which
     * are refused even there.
     */
    Map<Integer, String> notPenalizable(String target) {
        Map<Integer, String> out = new TreeMap<>();
        for (int i = 0; i < layerNames.size(); i++) {
            Layer l = configuration.getConf(i).getLayer();
            if (!NetworkFactory.penalizable(l)) {
                out.put(i, NetworkFactory.whyNotPenalizable(l));
            } else if ("weights".equals(target) && !NetworkFactory.penalizes(l, true)) {
                out.put(i, "(" + l.getClass().getSimpleName() + ") has no weights DL4J penalizes");
            } else if ("biases".equals(target) && !NetworkFactory.penalizes(l, false)) {
                out.put(i, "(" + l.getClass().getSimpleName() + ") has no biases DL4J penalizes");
            }
        }
        return out;
    }

    /**
     * The layers of {@link #notPenalizable} that "all layers" passes over: all but those whose
     * parameters RegStudy cannot reach ({@link NetworkFactory#hasUnreachableParameters}).
     */
    Set<Integer> skippedByAll(String target) {
        Set<Integer> out = new TreeSet<>(notPenalizable(target).keySet());
        out.removeIf(i -> NetworkFactory.hasUnreachableParameters(configuration.getConf(i).getLayer()));
        return out;
    }

    /**
     * Initializes the network, runs it on the data's first row (its output must have the labels'
     * shape) and trains it one step on that row: a configuration DL4J cannot initialize or train
     * (a weight init that needs square matrices, a loss that wants other labels) is refused before
     * any run, not failed in every run. {@code at} starts each message.
     */
    static void runOnFirstRow(MultiLayerConfiguration conf, Dataset dataset, boolean single, String at) {
        org.nd4j.linalg.dataset.DataSet row = dataset.rows(new int[] {0}).toDataSet();
        INDArray features = row.getFeatures();
        int outputs = single ? 1 : dataset.numOutputs();
        List<INDArray> activations;
        MultiLayerNetwork net;
        try {
            net = new MultiLayerNetwork(conf.clone());
            net.init();
            // the input, then every layer's output: the network's output last
            activations = net.feedForward(features, false);
        } catch (RuntimeException e) {
            throw new BadInputException(at + "DL4J cannot run the network on a row of the data ("
                    + dataset.numFeatures() + " features" + (dataset.isSequence() ? " x " + dataset.sequenceLength() + " steps" : "")
                    + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip(), e);
        }
        refuseOverActivationLimit(activations, features.dataType(), dataset.size(), at);
        INDArray output = activations.get(activations.size() - 1);
        long[] want = dataset.isSequence() ? new long[] {1, outputs, features.size(2)} : new long[] {1, outputs};
        if (!java.util.Arrays.equals(output.shape(), want)) {
            throw new BadInputException(at + "on a row of the data the network gives an output of shape "
                    + java.util.Arrays.toString(output.shape()) + ", the labels have " + java.util.Arrays.toString(want));
        }
        // and one training step on that row: what only backpropagation checks (an RnnOutputLayer's
        // sequence length behind a Bidirectional layer without an input type, for one)
        INDArray labels = single ? Dataset.positiveClass(row.getLabels()) : row.getLabels();
        try {
            net.fit(new org.nd4j.linalg.dataset.DataSet(features, labels));
        } catch (RuntimeException e) {
            throw new BadInputException(at + "DL4J cannot train the network on a row of the data: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip(), e);
        }
    }

    /** Most bytes of activations a run may need (native memory, which neither -Xmx nor JavaCPP bounds here). */
    static final long MAX_ACTIVATION_BYTES = 4L << 30;

    /**
     * Refuses a network whose activations over the data would not fit: the values one row's forward pass
     * makes (every layer's output; {@code activations} is DL4J's {@code feedForward} of one row, the input
     * first), times the data's rows (a record's pass covers the training and validation rows at once),
     * times 2 (a training step's gradients), in the data type {@code type}, above {@link #MAX_ACTIVATION_BYTES}. The parameter limit
     * alone let a 15-parameter network repeat each row 10^7 times and the first minibatch take 24 GB.
     */
    static void refuseOverActivationLimit(List<INDArray> activations, org.nd4j.linalg.api.buffer.DataType type, int rows,
                                          String at) {
        long perRow = 0;
        for (INDArray a : activations.subList(1, activations.size())) {
            perRow += a.length();
        }
        double bytes = (double) perRow * rows * 2 * type.width();
        if (bytes <= MAX_ACTIVATION_BYTES) {
            return;
        }
        throw new BadInputException(at + "one row's forward pass makes " + perRow + " values; over the data's " + rows
                + " rows, with a training step's gradients, that is about " + String.format(java.util.Locale.ROOT, "%.1f",
                bytes / (1L << 30)) + " GiB, more than the "
                + (MAX_ACTIVATION_BYTES >> 30) + " GiB of activations RegStudy gives a run; make the layers smaller");
    }

    /** SHA-256 of the file's bytes, as {@code sha256sum} prints it. */
    private static String sha256(String file, String at) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(Path.of(file)), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException(at + file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line: the file and its hash, each layer's type, size and activation, the updaters, the data type. */
    static String describe(MultiLayerConfiguration conf, String file, String sha256) {
        List<String> layers = new ArrayList<>();
        List<String> names = NetworkFactory.layerNames(conf);
        Map<String, String> updaters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            StringBuilder d = new StringBuilder(l.getClass().getSimpleName());
            if (l instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
                d.append(' ').append(ff.getNIn()).append('-').append(ff.getNOut());
            }
            if (l instanceof ActivationLayer a && a.getActivationFn() != null) {
                d.append(' ').append(a.getActivationFn());
            } else if (NetworkFactory.penalizable(l) && ((BaseLayer) l).getActivationFn() != null) {
                d.append(' ').append(((BaseLayer) l).getActivationFn());
            }
            if (l instanceof BaseLayer bl && bl.getIUpdater() != null && l.initializer().numParams(l) > 0) {
                org.nd4j.linalg.learning.config.IUpdater u = bl.getIUpdater();
                updaters.put(names.get(i), u.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                        + (u.hasLearningRate() ? " lr " + u.getLearningRate(0, 0) : ""));
            }
            if (l instanceof BaseOutputLayer o && o.getLossFn() != null) {
                d.append(" (").append(o.getLossFn()).append(')');
            }
            if (l.getIDropout() != null) {
                d.append(" dropout");
            }
            layers.add(d.toString());
        }
        String updater = updaters.isEmpty() ? ""
                : new java.util.HashSet<>(updaters.values()).size() == 1 ? "; " + updaters.values().iterator().next()
                : "; updaters " + String.join(", ", updaters.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        return conf.getConfs().size() + " layers from " + file + " (sha256 " + sha256 + "): "
                + String.join(", ", layers) + updater
                + (conf.getDataType() == DataType.FLOAT ? "" : "; " + conf.getDataType().name().toLowerCase(Locale.ROOT));
    }
}
