package org.regstudy.train;

import java.util.Arrays;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference forward pass ({@code output(x, false)}) of a stack of DL4J's plain dense layers
 * ending in a plain {@code OutputLayer}, over one fixed input, into arrays made once: per layer
 * {@code a_l = f_l(a_{l-1} W_l + b_l)} with the same ND4J ops DL4J's {@code BaseLayer} runs, in the
 * same order, so the outputs are DL4J's bit for bit.
 *
 * <p>Why: DL4J asks ND4J for each product in a row-major activation array, and ND4J M2.1's
 * {@code mmuli} then computes it into a column-major temporary and copies that over with a
 * transposing assign (on half-moons 2-500-1 over 100 rows: 100-115 us of a 250-300 us pass). Here a
 * hidden layer whose activation is element-wise keeps the column-major product itself (bias add and
 * activation are element-wise, the next product reads either layout); the output layer's product, and
 * any layer with another activation, is copied to row-major first, as DL4J does.
 *
 * <p>It applies only when every layer is exactly {@code DenseLayer} (then the last exactly
 * {@code OutputLayer}) with no layer normalization, weight noise or input preprocessor (dropout does
 * nothing at inference), and when its arrays stay within {@link #MAX_ELEMENTS}; {@link #of} returns
 * null otherwise. And it is checked once: {@link #of} runs
 * both passes on the network's current parameters and takes this one only if every output, and every
 * hidden layer's activations, are bitwise equal to DL4J's (the hidden layers too, since an output layer
 * the hidden ones do not reach yet, such as a zero-initialized one, would pass any layout). Where the
 * BLAS kernel rounds a product of the column-major input differently (OpenBLAS chooses kernels by CPU
 * and shape: seen both equal and not on an AMD EPYC, not on an Intel Xeon with AVX-512), it
 * copies every product to row-major as DL4J does (arrays still made once, no transposing copy saved),
 * and returns null if even that differs, leaving the pass to DL4J.
 * Not thread-safe; one per training run.
 */
final class DenseForward {
    /** Activations that act element by element at inference (so the array's layout cannot matter). */
    private static final Set<Class<? extends IActivation>> ELEMENTWISE = Set.of(ActivationIdentity.class,
            ActivationReLU.class, ActivationLReLU.class, ActivationReLU6.class, ActivationELU.class,
            ActivationSELU.class, ActivationGELU.class, ActivationSwish.class, ActivationMish.class,
            ActivationSigmoid.class, ActivationHardSigmoid.class, ActivationTanH.class, ActivationHardTanH.class,
            ActivationSoftPlus.class, ActivationSoftSign.class, ActivationCube.class);
    /**
     * At most this many elements in all the arrays together (64 MiB of floats); a larger pass is left
     * to DL4J, whose workspace memory is shared by a thread's networks rather than held per run.
     */
    static final long MAX_ELEMENTS = 1L << 24;

    private final MultiLayerNetwork net;
    private final IActivation[] activations;
    private final boolean[] bias;
    private final INDArray input;
    /** Per layer, the array the product is computed into (column-major, DL4J's temporary's layout). */
    private final INDArray[] products;
    /** Per layer, the row-major copy of the product, or null when the layer keeps the product. */
    private final INDArray[] rowMajor;

    private DenseForward(MultiLayerNetwork net, IActivation[] activations, boolean[] bias, INDArray input,
                         INDArray[] products, INDArray[] rowMajor) {
        this.net = net;
        this.activations = activations;
        this.bias = bias;
        this.input = input;
        this.products = products;
        this.rowMajor = rowMajor;
    }

    /**
     * The pass of {@code net} over {@code input} (rank 2, the network's data type), or null when the
     * network is not such a stack or the pass is not bitwise DL4J's on the current parameters.
     */
    static DenseForward of(MultiLayerNetwork net, INDArray input) {
        // the arrays live as long as the run: never in a workspace a caller may have open
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            DenseForward kept = make(net, input, true);
            if (kept == null) {
                return null;
            }
            // as doubles: exact for float and half outputs, and bitwise for double ones
            double[] dl4j = EpochMeter.contiguous(net.output(input, false)).data().asDouble();
            // every hidden layer's activations too: an output the hidden layers do not reach yet (a
            // zero-initialized output layer) would pass whatever their layout gives
            java.util.List<INDArray> hidden = net.feedForward(input, false);
            if (kept.gives(dl4j) && kept.givesHidden(hidden)) {
                return kept;
            }
            // BLAS kernels that round a product of a column-major input differently (OpenBLAS picks
            // them by CPU and shape): every product copied to row-major, DL4J's own layouts and ops
            DenseForward copied = kept.keepsAny() ? make(net, input, false) : null;
            return copied != null && copied.gives(dl4j) && copied.givesHidden(hidden) ? copied : null;
        }
    }

    /**
     * The pass's arrays for {@code net} over {@code input}, or null when the network is not such a
     * stack; {@code keepColumnMajor}: hidden layers with an element-wise activation keep their
     * column-major product (otherwise every product is copied to row-major, as DL4J does).
     */
    static DenseForward make(MultiLayerNetwork net, INDArray input, boolean keepColumnMajor) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer[] layers = net.getLayers();
        if (layers == null || layers.length == 0 || input.rank() != 2 || input.dataType() != conf.getDataType()
                || (conf.getInputPreProcessors() != null && !conf.getInputPreProcessors().isEmpty())) {
            return null;
        }
        int n = layers.length;
        IActivation[] activations = new IActivation[n];
        boolean[] bias = new boolean[n];
        INDArray[] products = new INDArray[n];
        INDArray[] rowMajor = new INDArray[n];
        long rows = input.size(0);
        long width = input.size(1);
        long elements = 0;
        for (int i = 0; i < n; i++) {
            org.deeplearning4j.nn.conf.layers.Layer c = layers[i].conf().getLayer();
            boolean last = i == n - 1;
            Class<?> expected = last ? OutputLayer.class : DenseLayer.class;
            if (c == null || c.getClass() != expected || ((BaseLayer) c).getWeightNoise() != null
                    || (c instanceof DenseLayer d && d.hasLayerNorm())) {
                return null;
            }
            INDArray w = layers[i].getParam(DefaultParamInitializer.WEIGHT_KEY);
            if (w == null || w.rank() != 2 || w.size(0) != width || w.dataType() != input.dataType()) {
                return null;
            }
            activations[i] = ((BaseLayer) c).getActivationFn();
            bias[i] = c instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) c).hasBias();
            width = w.size(1);
            boolean copied = last || !keepColumnMajor || !ELEMENTWISE.contains(activations[i].getClass());
            elements += rows * width * (copied ? 2 : 1);
            if (elements > MAX_ELEMENTS) {
                return null;
            }
            products[i] = Nd4j.createUninitialized(w.dataType(), new long[] {rows, width}, 'f');
            if (copied) {
                rowMajor[i] = Nd4j.createUninitialized(w.dataType(), new long[] {rows, width}, 'c');
            }
        }
        return new DenseForward(net, activations, bias, input, products, rowMajor);
    }

    /** Whether this pass's outputs on the network's current parameters are {@code expected}, bit for bit. */
    private boolean gives(double[] expected) {
        return Arrays.equals(expected, output().data().asDouble());
    }

    /**
     * Whether every hidden layer's activations on the current parameters are {@code expected}'s
     * (DL4J's {@code feedForward(input, false)}: the input, then each layer's activations), bit for bit.
     */
    private boolean givesHidden(java.util.List<INDArray> expected) {
        Layer[] layers = net.getLayers();
        INDArray a = input;
        for (int i = 0; i < layers.length - 1; i++) {
            a = layer(i, a);
            if (!Arrays.equals(EpochMeter.contiguous(expected.get(i + 1)).data().asDouble(),
                    EpochMeter.contiguous(a).data().asDouble())) {
                return false;
            }
        }
        return true;
    }

    /** Whether some layer keeps its column-major product (skips DL4J's transposing copy). */
    boolean keepsAny() {
        for (INDArray r : rowMajor) {
            if (r == null) {
                return true;
            }
        }
        return false;
    }

    /** Whether this is the pass of {@code other}. */
    boolean isFor(MultiLayerNetwork other) {
        return other == net;
    }

    /**
     * The network's outputs for the input, on its current parameters: the output layer's row-major
     * array, owned by this object and overwritten by the next call (DL4J's activations work in place).
     */
    INDArray output() {
        INDArray a = input;
        for (int i = 0; i < net.getLayers().length; i++) {
            a = layer(i, a);
        }
        return a;
    }

    /** Layer {@code i}'s activations from {@code a}, the previous layer's (or the input), in its arrays. */
    private INDArray layer(int i, INDArray a) {
        Layer l = net.getLayers()[i];
        INDArray z = products[i];
        Nd4j.exec(new Mmul(a, l.getParam(DefaultParamInitializer.WEIGHT_KEY), z, null));
        if (rowMajor[i] != null) {
            z = rowMajor[i].assign(z);
        }
        if (bias[i]) {
            z.addiRowVector(l.getParam(DefaultParamInitializer.BIAS_KEY));
        }
        return activations[i].getActivation(z, false);
    }
}
