package org.regstudy.train;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's own {@code MultiLayerUpdater}, made to take its standard path: the same updates, L1/L2 and
 * weight decay on the same memory, through the parameter and gradient views it made once.
 *
 * <p>Why: DL4J M2.1's updater takes the path for a gradient computed in another network ("external")
 * whenever {@code gradient.gradient() != getFlattenedGradientsView()}, and a {@code MultiLayerNetwork}'s
 * {@code DefaultGradient.gradient()} returns a new reshaped view of that very array on every call, so the
 * test always fails. The external path then cuts new views of the whole parameter and gradient arrays
 * for every parameter, twice a step (before and after the updater), and for the minibatch division:
 * about 25 of the 71 native buffers a half-moons step registers with ND4J's deallocator. Here a
 * gradient whose flattened array is exactly the network's gradient view (same memory, offset and
 * length) is handed on with {@code gradient()} returning that view itself; any other gradient goes
 * through unchanged. The updater state, its layout and what a model zip stores are DL4J's.
 * {@link Trainer} installs it; code with its own training loop can too ({@link #install}).
 */
public final class ViewUpdater extends MultiLayerUpdater {

    private ViewUpdater(MultiLayerNetwork network) {
        super(network);
    }

    /**
     * Gives {@code net} this updater if it has none yet (an initialized network before its first
     * step: DL4J would make a plain {@code MultiLayerUpdater} with fresh state at that step); a
     * network that already has an updater, and with it possibly trained state, keeps its own.
     *
     * @return whether it was installed
     */
    public static boolean install(MultiLayerNetwork net) {
        if (net.getUpdater(false) != null) {
            return false;
        }
        net.setUpdater(new ViewUpdater(net));
        return true;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        INDArray view = getFlattenedGradientsView();
        INDArray flat = gradient.gradient();
        super.update(sameMemory(flat, view) ? new OwnView(gradient, view) : gradient, iteration, epoch, batchSize,
                workspaceMgr);
    }

    /** Whether {@code a} and {@code b} are the same elements of the same buffer, each contiguous. */
    private static boolean sameMemory(INDArray a, INDArray b) {
        return a != null && b != null && a.dataType() == b.dataType() && a.length() == b.length()
                && a.data().address() == b.data().address() && a.offset() == b.offset()
                && a.elementWiseStride() == 1 && b.elementWiseStride() == 1;
    }

    /** A gradient whose flattened array is the updater's own view object; otherwise the original. */
    private record OwnView(Gradient original, INDArray view) implements Gradient {
        @Override
        public Map<String, INDArray> gradientForVariable() {
            return original.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return original.gradient(order);
        }

        @Override
        public INDArray gradient() {
            return view;
        }

        @Override
        public void clear() {
            original.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return original.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return original.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return original.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return original.flatteningOrderForVariable(variable);
        }
    }
}
