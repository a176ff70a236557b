package org.regstudy.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.regstudy.common.BadInputException;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

/**
 * Builds DL4J networks from a {@link NetworkSpec} with a {@link PenaltyPlan} applied per layer.
 *
 * <p>Penalties are set only through each layer builder's exact lists
 * ({@code regularization(List)}, {@code regularizationBias(List)}), never on the global
 * {@code NeuralNetConfiguration.Builder}: in DL4J 1.0.0-M2.1 a global {@code weightDecay} ends up in
 * each layer's list twice (the penalty doubles). Every built configuration is then checked by
 * {@link #verify}.
 *
 * <p>AdamW: {@code UpdaterKind.ADAMW} becomes DL4J {@code Adam} plus
 * {@code WeightDecay(adamWDecay, applyLR=true)} appended to every layer's <em>weight</em> list
 * (biases untouched). A layer whose plan already has a weight decay on its weights keeps the
 * plan's decay (the explicit per-layer choice wins). {@link #effectivePlan} gives the merged plan,
 * which is what {@link #readPlan} returns for such a network.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** @return the configuration for {@code spec} with {@code effectivePlan(spec, plan)} on its layers, verified */
    public static MultiLayerConfiguration configuration(NetworkSpec spec, PenaltyPlan plan) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        PenaltyPlan eff = effectivePlan(spec, plan);
        List<String> names = spec.layerNames();
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(spec.updater().toDl4j())
                .weightInit(WeightInit.valueOf(spec.weightInit()))
                .list();
        int i = 0;
        for (LayerSpec h : spec.hidden()) {
            LayerPenalty lp = eff.forLayer(i, names.get(i));
            BaseLayer.Builder<?> b = switch (h.type()) {
                case DENSE -> new DenseLayer.Builder().nOut(h.units()).activation(h.dl4jActivation());
                case LSTM -> new LSTM.Builder().nOut(h.units()).activation(h.dl4jActivation());
            };
            lb.layer(i, penalize(b, lp).name(names.get(i)).build());
            i++;
        }
        OutputSpec o = spec.output();
        LayerPenalty lp = eff.forLayer(i, names.get(i));
        BaseLayer.Builder<?> ob = spec.recurrent()
                ? new RnnOutputLayer.Builder(o.dl4jLoss()).nOut(o.units()).activation(o.dl4jActivation())
                : new OutputLayer.Builder(o.dl4jLoss()).nOut(o.units()).activation(o.dl4jActivation());
        lb.layer(i, penalize(ob, lp).name(names.get(i)).build());
        lb.setInputType(spec.recurrent() ? InputType.recurrent(spec.inputs()) : InputType.feedForward(spec.inputs()));
        MultiLayerConfiguration conf = lb.build();
        verify(conf, eff);
        return conf;
    }

    private static BaseLayer.Builder<?> penalize(BaseLayer.Builder<?> b, LayerPenalty lp) {
        // mutable copies: DL4J may add to these lists while building
        b.regularization(new ArrayList<>(lp.weights().toDl4j()));
        b.regularizationBias(new ArrayList<>(lp.biases().toDl4j()));
        return b;
    }

    /** @return an {@code init()}ed network for {@code spec} with the plan applied */
    public static MultiLayerNetwork build(NetworkSpec spec, PenaltyPlan plan) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, plan));
        net.init();
        return net;
    }

    /**
     * The plan actually put on the layers: {@code plan} (null = none) with ADAMW's decay merged into
     * every layer's weights where the plan has no weight decay (then in normalized form; without
     * ADAMW's decay, {@code plan} as given).
     *
     * @throws IllegalArgumentException when an override names a layer the spec does not have
     */
    public static PenaltyPlan effectivePlan(NetworkSpec spec, PenaltyPlan plan) {
        PenaltyPlan p = plan == null ? PenaltyPlan.none() : plan;
        List<String> names = spec.layerNames();
        p.validateAgainst(names);
        UpdaterSpec u = spec.updater();
        if (u.kind() != UpdaterKind.ADAMW || u.adamWDecay() == 0) {
            return p;
        }
        PenaltyPlan.Builder b = PenaltyPlan.builder();
        for (int i = 0; i < names.size(); i++) {
            LayerPenalty lp = p.forLayer(i, names.get(i));
            Penalty w = lp.weights();
            if (w.weightDecay() == 0) {
                w = w.withWeightDecay(u.adamWDecay(), true);
            }
            b.layer(i, new LayerPenalty(w, lp.biases()));
        }
        return b.build().normalized(names);
    }

    /**
     * Sets the plan's lists on an existing (e.g. pre-trained) network's layers, in place, without
     * touching its parameters or updater state; then verifies.
     *
     * <p>The plan's defaults go to the layers DL4J penalizes ({@link #penalizable}) and pass over the
     * others (pooling, activation, dropout, batch normalization), whose lists are left empty.
     *
     * @throws IllegalArgumentException when an override names a missing layer or one that cannot be
     *     penalized, or a penalty (even a default) would reach a layer with unreachable parameters
     *     ({@link #hasUnreachableParameters})
     */
    public static void applyPlan(MultiLayerNetwork net, PenaltyPlan plan) {
        if (net == null) {
            throw new IllegalArgumentException("net must not be null");
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        setLists(conf, plan);
        // the runtime layers normally share these configuration objects; set theirs too in case not
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i).conf().getLayer();
            Layer c = conf.getConf(i).getLayer();
            if (l != c && l instanceof BaseLayer bl && c instanceof BaseLayer bc) {
                bl.setRegularization(new ArrayList<>(bc.getRegularization()));
                bl.setRegularizationBias(new ArrayList<>(bc.getRegularizationBias()));
            }
        }
        verify(conf, plan);
    }

    /** @return a copy of {@code conf} with the plan's lists on its layers, verified ({@code conf} is not changed) */
    public static MultiLayerConfiguration applyPlan(MultiLayerConfiguration conf, PenaltyPlan plan) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        MultiLayerConfiguration copy = conf.clone();
        setLists(copy, plan);
        verify(copy, plan);
        return copy;
    }

    private static void setLists(MultiLayerConfiguration conf, PenaltyPlan plan) {
        if (plan == null) {
            throw new IllegalArgumentException("plan must not be null");
        }
        List<String> names = layerNames(conf);
        plan.validateAgainst(names);
        for (int i = 0; i < names.size(); i++) {
            LayerPenalty lp = plan.forLayer(i, names.get(i));
            Layer l = conf.getConf(i).getLayer();
            boolean named = plan.byIndex().containsKey(i) || plan.byName().containsKey(names.get(i));
            String refused = refusal(l, lp, named);
            if (refused != null) {
                throw new IllegalArgumentException("layer " + i + " '" + names.get(i) + "' " + refused + ", plan gives " + lp);
            }
            if (l instanceof BaseLayer bl) {
                bl.setRegularization(new ArrayList<>(penalizes(l, true) ? lp.weights().toDl4j() : List.of()));
                bl.setRegularizationBias(new ArrayList<>(penalizes(l, false) ? lp.biases().toDl4j() : List.of()));
            }
        }
    }

    /**
     * Why {@code lp} cannot go on {@code l}, or null when it can. A plan's defaults ({@code named}
     * false) pass over what a layer cannot take: pooling, activation, dropout, batch normalization,
     * frozen layers, a bias penalty on a layer without biases; an override names the layer, so there
     * it is an error when none of its parts applies (the weight part of "both" on a layer without
     * biases goes on, the bias part is dropped). A penalty that would reach a layer with parameters
     * out of reach is always one.
     */
    private static String refusal(Layer l, LayerPenalty lp, boolean named) {
        if (lp.isNone()) {
            return null;
        }
        if (hasUnreachableParameters(l)) {
            return whyNotPenalizable(l);
        }
        if (!named) {
            return null;
        }
        if (!penalizable(l)) {
            return whyNotPenalizable(l);
        }
        // an override's part a layer cannot take is dropped, as a default's is, unless no part applies
        boolean weights = !lp.weights().isNone() && penalizes(l, true);
        boolean biases = !lp.biases().isNone() && penalizes(l, false);
        if (!weights && !biases) {
            return "(" + l.getClass().getSimpleName() + ") has no " + (lp.weights().isNone() ? "biases" : "weights")
                    + " DL4J penalizes";
        }
        return null;
    }

    /**
     * Whether DL4J applies a layer's weight list ({@code weights}) or bias list to any of its
     * parameters: a {@code BaseLayer} (dense, LSTM, convolution, output, ...) with such a parameter
     * (by its {@code getRegularizationByParam}). Not layers without parameters (pooling, activation,
     * dropout), not {@code BatchNormalization} (DL4J never penalizes its parameters), not a bias
     * list on a layer built without biases.
     */
    public static boolean penalizes(Layer l, boolean weights) {
        if (!(l instanceof BaseLayer bl)) {
            return false;
        }
        BaseLayer probe = (BaseLayer) bl.clone();
        List<Regularization> one = List.of(new org.nd4j.linalg.learning.regularization.L2Regularization(1.0));
        probe.setRegularization(new ArrayList<>(weights ? one : List.of()));
        probe.setRegularizationBias(new ArrayList<>(weights ? List.of() : one));
        return firstPenalty(probe) != null;
    }

    /** Whether DL4J applies a layer's weight or bias list to any of its parameters ({@link #penalizes}). */
    public static boolean penalizable(Layer l) {
        return penalizes(l, true) || penalizes(l, false);
    }

    /**
     * Whether a layer has parameters whose penalty RegStudy cannot set through it: wrappers such as
     * {@code Bidirectional} or {@code LastTimeStep}, and SameDiff layers. Even a plan's defaults
     * refuse them (their weights would silently go unpenalized): penalize the other layers by name.
     * Frozen layers are not among them: DL4J neither updates nor penalizes their parameters.
     */
    public static boolean hasUnreachableParameters(Layer l) {
        return !(l instanceof BaseLayer) && !frozen(l) && l.initializer().numParams(l) > 0;
    }

    /**
     * A {@code FrozenLayer}: DL4J's runtime layer uses an empty configuration, so neither updates
     * nor penalties reach its parameters. Not {@code FrozenLayerWithBackprop}, whose updater still
     * applies the wrapped layer's penalty: that one is a wrapper with parameters out of reach.
     */
    private static boolean frozen(Layer l) {
        return l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
    }

    /**
     * The penalty a layer with unreachable parameters carries in its own lists (e.g. a
     * {@code Bidirectional}'s inner LSTM), which RegStudy could neither replace nor remove; null when none.
     */
    public static List<Regularization> penaltyOutOfReach(Layer l) {
        if (!hasUnreachableParameters(l)) {
            return null;
        }
        List<Regularization> own = firstPenalty(l);
        // FrozenLayerWithBackprop answers null for itself; its updater reads the wrapped layer's lists
        return own == null && l instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w
                && w.getUnderlying() != null ? firstPenalty(w.getUnderlying()) : own;
    }

    /** The first non-empty list {@code l.getRegularizationByParam} gives for one of its parameters, or null. */
    private static List<Regularization> firstPenalty(Layer l) {
        for (String key : l.initializer().paramKeys(l)) {
            List<Regularization> r = l.getRegularizationByParam(key);
            if (r != null && !r.isEmpty()) {
                return r;
            }
        }
        return null;
    }

    /** Why {@code l} cannot carry a penalty, for messages: "(BatchNormalization) has no parameters DL4J penalizes". */
    public static String whyNotPenalizable(Layer l) {
        String type = "(" + l.getClass().getSimpleName() + ")";
        if (hasUnreachableParameters(l)) {
            return type + " has parameters whose penalty RegStudy cannot set through it (a wrapper or SameDiff layer)";
        }
        return frozen(l) ? type + " is frozen: DL4J neither updates nor penalizes its parameters"
                : type + " has no parameters DL4J penalizes";
    }

    /** @return each layer's name in index order ({@code String.valueOf(i)} where a layer has none) */
    public static List<String> layerNames(MultiLayerConfiguration conf) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            String n = conf.getConf(i).getLayer().getLayerName();
            names.add(n == null ? String.valueOf(i) : n);
        }
        return names;
    }

    /** The plan carried by {@code net}'s layers, normalized (see {@link PenaltyPlan#normalized}). */
    public static PenaltyPlan readPlan(MultiLayerNetwork net) {
        return readPlan(net.getLayerWiseConfigurations());
    }

    /** Largest configuration.json accepted from a model zip (bytes). */
    public static final long MAX_CONFIG_BYTES = 16L << 20;

    /**
     * The plan carried by a saved model zip (DL4J {@code ModelSerializer} format), read from its
     * {@code configuration.json} entry only: no parameters are loaded.
     *
     * @throws BadInputException when the file is missing, not a zip, has no configuration entry, the
     *     entry is larger than {@link #MAX_CONFIG_BYTES}, or the configuration cannot be parsed
     */
    public static PenaltyPlan readPlan(Path modelZip) {
        if (modelZip == null) {
            throw new IllegalArgumentException("modelZip must not be null");
        }
        MultiLayerConfiguration conf = parse(modelZip, "configuration.json", zipConfiguration(modelZip));
        try {
            return readPlan(conf);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(modelZip + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A {@code MultiLayerConfiguration} from a file: DL4J's JSON ({@code conf.toJson()}) or a saved
     * model zip, of which only the {@code configuration.json} entry is read (no parameters, no Java
     * deserialization). Either is limited to {@link #MAX_CONFIG_BYTES}.
     *
     * @throws BadInputException when the file is missing, too large, or not such a configuration
     */
    public static MultiLayerConfiguration loadConfiguration(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return parse(file, "configuration.json", zipConfiguration(file));
        }
        String json;
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            json = utf8(in, file.toString());
        } catch (IOException ex) {
            throw new BadInputException(file + ": cannot read the configuration: " + ex.getMessage(), ex);
        }
        return parse(file, "the file", json);
    }

    /** The text of a model zip's {@code configuration.json} entry, at most {@link #MAX_CONFIG_BYTES}. */
    private static String zipConfiguration(Path modelZip) {
        try (ZipFile zf = new ZipFile(modelZip.toFile())) {
            ZipEntry e = zf.getEntry("configuration.json");
            if (e == null) {
                throw new BadInputException(modelZip + ": not a DL4J model zip (no configuration.json entry)");
            }
            if (e.getSize() > MAX_CONFIG_BYTES) {
                throw new BadInputException(modelZip + ": configuration.json is " + e.getSize() + " bytes, limit " + MAX_CONFIG_BYTES);
            }
            try (InputStream in = zf.getInputStream(e)) {
                return utf8(in, modelZip + ": configuration.json");
            }
        } catch (IOException ex) {
            throw new BadInputException(modelZip + ": cannot read model zip: " + ex.getMessage(), ex);
        }
    }

    private static String utf8(InputStream in, String where) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new BadInputException(where + " exceeds " + MAX_CONFIG_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Parses DL4J's JSON; a parse error names the line and column (of the file, or of the zip's
     * {@code configuration.json}) and the parser's own message, without its class names.
     */
    private static MultiLayerConfiguration parse(Path file, String what, String json) {
        ConfigurationJson.check(json, file + ": " + what);
        try {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
            if (conf.getConfs() == null || conf.getConfs().isEmpty()) {
                throw noLayers(file, what, null);
            }
            return conf;
        } catch (BadInputException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            if (json.contains("\"vertices\"") && json.contains("\"networkInputs\"")) {
                throw new BadInputException(file + ": " + what + " is a ComputationGraph configuration; RegStudy trains"
                        + " a MultiLayerNetwork (a stack of layers)", ex);
            }
            if (ex instanceof NullPointerException && !json.contains("\"confs\"")) {
                // DL4J's fromJson reads the layer list before it checks there is one
                throw noLayers(file, what, ex);
            }
            String at = "";
            String message = String.valueOf(ex.getMessage());
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof org.nd4j.shade.jackson.core.JsonProcessingException j) {
                    message = String.valueOf(j.getOriginalMessage());
                    if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                        at = " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
                    }
                    break;
                }
            }
            throw new BadInputException(file + ": " + what + at + " is not a DL4J MultiLayerConfiguration: "
                    + message.lines().findFirst().orElse("").strip(), ex);
        }
    }

    private static BadInputException noLayers(Path file, String what, RuntimeException cause) {
        return new BadInputException(file + ": " + what + " is not a DL4J MultiLayerConfiguration: it has no layers"
                + " (no \"confs\" list)", cause);
    }

    /** The plan carried by {@code conf}'s layers, normalized: one override by index per penalized layer. */
    public static PenaltyPlan readPlan(MultiLayerConfiguration conf) {
        TreeMap<Integer, LayerPenalty> idx = new TreeMap<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            if (l instanceof BaseLayer bl && penalizable(l)) {
                LayerPenalty lp;
                try {
                    // only the lists DL4J applies: a bias list on a layer without biases penalizes nothing
                    lp = new LayerPenalty(penalizes(l, true) ? Penalty.fromDl4j(bl.getRegularization()) : Penalty.none(),
                            penalizes(l, false) ? Penalty.fromDl4j(bl.getRegularizationBias()) : Penalty.none());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + i + ": " + e.getMessage(), e);
                }
                if (!lp.isNone()) {
                    idx.put(i, lp);
                }
            }
        }
        PenaltyPlan.Builder b = PenaltyPlan.builder();
        idx.forEach(b::layer);
        return b.build();
    }

    /**
     * Checks every layer of {@code conf} carries exactly the plan's lists (same entries, same order).
     *
     * @throws IllegalStateException naming the layer and both lists when they differ
     */
    public static void verify(MultiLayerConfiguration conf, PenaltyPlan plan) {
        List<String> names = layerNames(conf);
        plan.validateAgainst(names);
        for (int i = 0; i < names.size(); i++) {
            LayerPenalty lp = plan.forLayer(i, names.get(i));
            Layer l = conf.getConf(i).getLayer();
            // only the lists DL4J applies are compared: one it does not (biases of a layer without them,
            // batch normalization's) changes no update, whatever it holds
            if (l instanceof BaseLayer bl && penalizes(l, true)) {
                check(i, names.get(i), "weight", bl.getRegularization(), lp.weights().toDl4j());
            }
            if (l instanceof BaseLayer bl && penalizes(l, false)) {
                check(i, names.get(i), "bias", bl.getRegularizationBias(), lp.biases().toDl4j());
            }
        }
    }

    private static void check(int i, String name, String what, List<Regularization> actual, List<Regularization> expected) {
        List<Regularization> a = actual == null ? List.of() : actual;
        if (!a.equals(expected)) {
            throw new IllegalStateException("layer " + i + " '" + name + "': " + what + " regularization is " + a
                    + " but the plan says " + expected);
        }
    }
}
