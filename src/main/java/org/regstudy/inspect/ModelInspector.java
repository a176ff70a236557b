package org.regstudy.inspect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;
import org.regstudy.common.BadInputException;
import org.regstudy.network.NetworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects DL4J networks: per layer the regularization as configured, the penalty term it adds
 * to the score, and {@link WeightStats} of every weight and bias array.
 *
 * <p>The penalty term of a layer is {@code sum over params p, regularizations r of p:
 * r.score(p, iteration, epoch)}, using DL4J's own {@code Regularization#score} with the
 * iteration and epoch counts stored in the configuration (so schedules are evaluated where
 * training stopped). That is {@code c*sum|w|} for L1 and {@code 0.5*c*sum w^2} for L2 and
 * weight decay.
 */
public final class ModelInspector {
    private static final Logger LOG = LoggerFactory.getLogger(ModelInspector.class);

    private ModelInspector() {
    }

    /** Inspects a network in memory; {@code source} is "memory". */
    public static ModelInspection inspect(MultiLayerNetwork net, SparsityThreshold t, int bins) {
        checkArgs(net, "net", t, bins);
        var conf = net.getLayerWiseConfigurations();
        List<LayerInspection> layers = inspectLayers(net.getLayers(), conf.getIterationCount(), conf.getEpochCount(),
                t, bins);
        return new ModelInspection(ModelInspection.SCHEMA_VERSION, "memory", "MultiLayerNetwork", net.numParams(),
                updaters(net.getLayers()), inputType(net), null, layers);
    }

    /** Inspects a computation graph in memory: parameters and layer configurations. */
    public static ModelInspection inspect(ComputationGraph graph, SparsityThreshold t, int bins) {
        checkArgs(graph, "graph", t, bins);
        var conf = graph.getConfiguration();
        List<LayerInspection> layers = inspectLayers(graph.getLayers(), conf.getIterationCount(),
                conf.getEpochCount(), t, bins);
        return new ModelInspection(ModelInspection.SCHEMA_VERSION, "memory", "ComputationGraph", graph.numParams(),
                updaters(graph.getLayers()), "graph inputs " + conf.getNetworkInputs(), null, layers);
    }

    /** Validates the zip with {@link ModelZipValidator.Limits#defaults()}, then loads and inspects it. */
    public static ModelInspection inspect(Path zip, SparsityThreshold t, int bins) {
        return inspect(zip, t, bins, ModelZipValidator.Limits.defaults());
    }

    /**
     * Copies the zip once into a private temporary file ({@link #privateCopy}), validates that
     * copy ({@link ModelZipValidator}) and loads the same copy with {@code ModelSerializer}
     * (without the updater state) as a MultiLayerNetwork or, when its configuration has
     * "vertices", a ComputationGraph; the file at {@code zip} is not opened again, so replacing
     * it after validation changes nothing. The normalizer, if stored, is read with ND4J's
     * {@code NormalizerSerializer} from the validated bytes (never Java deserialization). The
     * copy is deleted before returning, also on errors.
     */
    public static ModelInspection inspect(Path zip, SparsityThreshold t, int bins, ModelZipValidator.Limits limits) {
        if (t == null) {
            throw new IllegalArgumentException("t must not be null");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (zip == null) {
            throw new IllegalArgumentException("zip must not be null");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
        String where = zip.toString();
        return fromValidatedCopy(zip, limits, (copy, summary) -> (summary.computationGraph()
                ? inspect(ModelSerializer.restoreComputationGraph(copy.toFile(), false), t, bins)
                : inspect(ModelSerializer.restoreMultiLayerNetwork(copy.toFile(), false), t, bins))
                .withSource(where, normalizer(where, summary)));
    }

    /** The description of the zip's normalizer, read from the validated bytes; null when it has none. */
    private static String normalizer(String where, ModelZipValidator.Summary summary) {
        if (!summary.hasNormalizer()) {
            return null;
        }
        try {
            return describeNormalizer(NormalizerSerializer.getDefault().restore(
                    new ByteArrayInputStream(summary.normalizerBytes())));
        } catch (Exception e) {
            LOG.debug("reading the normalizer of {} failed", where, e);
            throw new BadInputException(where + ": normalizer.bin is truncated or malformed: ND4J could not"
                    + " read its statistics after the NORMALIZER header", e);
        }
    }

    /**
     * A MultiLayerNetwork model zip loaded the way {@link #inspect} loads one: read once into a
     * private copy, the copy checked ({@link ModelZipValidator}) and handed to DL4J, so a file changed
     * after the check is never what DL4J reads.
     *
     * @throws BadInputException when the file fails the checks, is a ComputationGraph, or DL4J cannot load it
     */
    public static MultiLayerNetwork loadMultiLayerNetwork(Path zip, ModelZipValidator.Limits limits) {
        return fromValidatedCopy(zip, limits, (copy, summary) -> {
            if (summary.computationGraph()) {
                throw new BadInputException(zip + ": a ComputationGraph model; a MultiLayerNetwork was expected");
            }
            return ModelSerializer.restoreMultiLayerNetwork(copy.toFile(), false);
        });
    }

    /** What DL4J makes of a validated copy. */
    private interface CopyLoader<T> {
        T load(Path copy, ModelZipValidator.Summary summary) throws Exception;
    }

    /**
     * Reads {@code zip} once into a private copy, checks the copy, hands it to {@code loader} and
     * deletes it; a failure of DL4J's is a one-line {@link BadInputException}.
     */
    private static <T> T fromValidatedCopy(Path zip, ModelZipValidator.Limits limits, CopyLoader<T> loader) {
        String where = zip.toString();
        Path copy = privateCopy(zip, limits.maxFileBytes());
        try {
            ModelZipValidator.Summary summary = ModelZipValidator.check(copy, where, limits);
            BiConsumer<Path, Path> hook = afterValidation;
            if (hook != null) {
                hook.accept(zip, copy);
            }
            return loader.load(copy, summary);
        } catch (BadInputException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            LOG.debug("loading {} failed", zip, e);
            throw new BadInputException(where + ": DL4J could not load the model: "
                    + InspectionText.firstLine(String.valueOf(e.getMessage() == null ? e : e.getMessage())), e);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("cannot delete the temporary copy {}: {}", copy, e.getMessage());
            }
        }
    }

    /** Tests only: called with (the user's path, the validated copy) just before DL4J loads the copy. */
    static volatile BiConsumer<Path, Path> afterValidation;

    /**
     * Copies {@code zip} into a new temporary file readable by its owner only, reading the
     * source once and refusing it beyond {@code maxBytes}; the caller deletes the copy.
     */
    static Path privateCopy(Path zip, long maxBytes) {
        String where = zip.toString();
        if (Files.isDirectory(zip)) {
            throw new BadInputException(where + ": is a directory, not a DL4J model zip");
        }
        Path copy = null;
        try (InputStream in = Files.newInputStream(zip)) {
            try {
                copy = createPrivateTempFile();
            } catch (IOException e) {
                throw new BadInputException(where + ": cannot make a private copy in "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            try (OutputStream out = Files.newOutputStream(copy)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    total += r;
                    if (total > maxBytes) {
                        throw new BadInputException(where + ": file has more than " + maxBytes
                                + " bytes, above the limit");
                    }
                    try {
                        out.write(buf, 0, r);
                    } catch (IOException e) {
                        throw new BadInputException(where + ": cannot write the private copy " + copy + ": "
                                + e.getMessage(), e);
                    }
                }
            }
            Path done = copy;
            copy = null;
            return done;
        } catch (NoSuchFileException e) {
            throw new BadInputException(where + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read: " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    private static Path createPrivateTempFile() throws IOException {
        try {
            return Files.createTempFile("regstudy-inspect-", ".zip",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile("regstudy-inspect-", ".zip"); // not POSIX: the platform's private default
        }
    }

    /** Type and statistics' shapes of a normalizer, e.g. "NormalizerStandardize(mean [1, 4], std [1, 4])". */
    public static String describeNormalizer(Normalizer<?> n) {
        if (n == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(n.getClass().getSimpleName());
        if (n instanceof NormalizerStandardize s) {
            sb.append("(features: mean ").append(shape(s.getMean())).append(", std ").append(shape(s.getStd()));
            if (s.isFitLabel()) {
                sb.append("; labels: mean ").append(shape(s.getLabelMean())).append(", std ")
                        .append(shape(s.getLabelStd()));
            }
            sb.append(')');
        } else if (n instanceof NormalizerMinMaxScaler m) {
            sb.append("(features: min ").append(shape(m.getMin())).append(", max ").append(shape(m.getMax()))
                    .append(", target [").append(m.getTargetMin()).append(", ").append(m.getTargetMax()).append(']');
            if (m.isFitLabel()) {
                sb.append("; labels: min ").append(shape(m.getLabelMin())).append(", max ")
                        .append(shape(m.getLabelMax()));
            }
            sb.append(')');
        } else {
            sb.append("(type ").append(n.getType()).append(')');
        }
        return sb.toString();
    }

    private static String shape(INDArray a) {
        return a == null ? "none" : Arrays.toString(a.shape());
    }

    private static void checkArgs(Object model, String name, SparsityThreshold t, int bins) {
        if (model == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (t == null) {
            throw new IllegalArgumentException("t must not be null");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
    }

    static List<LayerInspection> inspectLayers(Layer[] layers, int iteration, int epoch, SparsityThreshold t,
            int bins) {
        List<LayerInspection> out = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            out.add(inspectLayer(i, layers[i], iteration, epoch, t, bins));
        }
        return out;
    }

    static LayerInspection inspectLayer(int position, Layer layer, int iteration, int epoch, SparsityThreshold t,
            int bins) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        int index = layer.getIndex() >= 0 ? layer.getIndex() : position;
        String name = conf.getLayerName() != null ? conf.getLayerName() : String.valueOf(index);
        Map<String, INDArray> params = layer.paramTable();
        ParamInitializer init = conf.initializer();
        List<WeightStats> weights = new ArrayList<>();
        WeightStats bias = null;
        double penalty = 0;
        long count = 0;
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            String key = p.getKey();
            INDArray value = p.getValue();
            count += value.length();
            boolean isWeight = init.isWeightParam(conf, key);
            boolean isBias = init.isBiasParam(conf, key);
            if (isWeight) {
                weights.add(WeightStats.of(name, key, value, t, bins));
            } else if (isBias && bias == null) {
                bias = WeightStats.of(name, key, value, t, bins);
            }
            List<Regularization> regs = conf.getRegularizationByParam(key);
            if (regs != null) {
                for (Regularization r : regs) {
                    penalty += r.score(value, iteration, epoch);
                }
            }
        }
        List<RegularizationInfo> wReg = List.of();
        List<RegularizationInfo> bReg = List.of();
        String activation = null;
        if (conf instanceof BaseLayer b) {
            // only the lists DL4J applies: a global l2 also lands on BatchNormalization and dropout
            // layers' configurations, which DL4J never penalizes (their penalty term is 0)
            wReg = NetworkFactory.penalizes(conf, true) ? describe(b.getRegularization(), iteration, epoch) : List.of();
            bReg = NetworkFactory.penalizes(conf, false) ? describe(b.getRegularizationBias(), iteration, epoch) : List.of();
            activation = b.getActivationFn() == null ? null : b.getActivationFn().toString();
        }
        Long nIn = null;
        Long nOut = null;
        if (conf instanceof FeedForwardLayer f) {
            nIn = f.getNIn();
            nOut = f.getNOut();
        }
        return new LayerInspection(index, name, conf.getClass().getSimpleName(), weights, bias, wReg, bReg, penalty,
                count, activation, nIn, nOut);
    }

    /** Describes a layer's regularization list (null or empty gives an empty list). */
    public static List<RegularizationInfo> describe(List<Regularization> regs, int iteration, int epoch) {
        if (regs == null) {
            return List.of();
        }
        List<RegularizationInfo> out = new ArrayList<>();
        for (Regularization r : regs) {
            out.add(describe(r, iteration, epoch));
        }
        return out;
    }

    /** Describes one regularization; unknown classes are read generically (see class doc). */
    public static RegularizationInfo describe(Regularization r, int iteration, int epoch) {
        if (r instanceof L1Regularization l1) {
            return new RegularizationInfo(RegularizationInfo.L1, value(l1.getL1(), iteration, epoch), null);
        }
        if (r instanceof L2Regularization l2) {
            return new RegularizationInfo(RegularizationInfo.L2, value(l2.getL2(), iteration, epoch), null);
        }
        if (r instanceof WeightDecay wd) {
            return new RegularizationInfo(RegularizationInfo.WEIGHT_DECAY, value(wd.getCoeff(), iteration, epoch),
                    wd.isApplyLR());
        }
        String simple = r.getClass().getSimpleName();
        String kind = simple.equals("ProximalL1Regularization") ? RegularizationInfo.PROXIMAL_L1 : simple;
        return new RegularizationInfo(kind, genericCoefficient(r, iteration, epoch), null, json(r));
    }

    private static double value(ISchedule s, int iteration, int epoch) {
        return s == null ? Double.NaN : s.valueAt(iteration, epoch);
    }

    private static final List<String> COEFFICIENT_NAMES = List.of("l1", "coeff", "coefficient", "lambda", "l2",
            "strength", "alpha");

    /**
     * The coefficient of an unknown regularization: the first public no-argument getter named
     * {@code l1, coeff, coefficient, lambda, l2, strength, alpha} (with or without "get") or a
     * field of those names, holding a number or an {@link ISchedule}; NaN if none.
     */
    static double genericCoefficient(Regularization r, int iteration, int epoch) {
        for (String n : COEFFICIENT_NAMES) {
            String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
            for (String m : List.of("get" + cap, n)) {
                try {
                    Method method = r.getClass().getMethod(m);
                    if (Modifier.isStatic(method.getModifiers())) {
                        continue;
                    }
                    Double d = number(method.invoke(r), iteration, epoch);
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // try the next name
                }
            }
        }
        for (Class<?> c = r.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (String n : COEFFICIENT_NAMES) {
                try {
                    Field f = c.getDeclaredField(n);
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    Double d = number(f.get(r), iteration, epoch);
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // try the next name
                }
            }
        }
        return Double.NaN;
    }

    private static Double number(Object v, int iteration, int epoch) {
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        if (v instanceof ISchedule s) {
            return s.valueAt(iteration, epoch);
        }
        return null;
    }

    private static String json(Regularization r) {
        try {
            return NeuralNetConfiguration.mapper().writeValueAsString(r);
        } catch (Exception e) {
            return r.toString();
        }
    }

    private static String updaters(Layer[] layers) {
        Set<String> u = new LinkedHashSet<>();
        for (Layer l : layers) {
            if (l.conf().getLayer() instanceof BaseLayer b) {
                if (b.getIUpdater() != null) {
                    u.add(b.getIUpdater().toString());
                }
                if (b.getBiasUpdater() != null) {
                    u.add("bias: " + b.getBiasUpdater());
                }
            }
        }
        return u.isEmpty() ? null : String.join("; ", u);
    }

    private static String inputType(MultiLayerNetwork net) {
        if (net.getnLayers() == 0) {
            return null;
        }
        var first = net.getLayerWiseConfigurations().getConf(0).getLayer();
        String pre = net.getLayerWiseConfigurations().getInputPreProcess(0) == null ? ""
                : " via " + net.getLayerWiseConfigurations().getInputPreProcess(0).getClass().getSimpleName();
        if (first instanceof BaseRecurrentLayer r) {
            return "recurrent, " + r.getNIn() + " features per step" + pre;
        }
        if (first instanceof ConvolutionLayer c) {
            return "convolutional, " + c.getNIn() + " channels" + pre;
        }
        if (first instanceof FeedForwardLayer f) {
            return "feed-forward, " + f.getNIn() + " features" + pre;
        }
        return null;
    }
}
