package org.regstudy.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@code MultiLayerNetwork} with plain minibatch steps ({@code fit(DataSet)}), recording
 * an {@link EpochRecord} every {@code recordEvery} epochs and at the last epoch.
 *
 * <p>Divergence: a non-finite training score (checked every epoch), a non-finite parameter or
 * {@code max|w| > divergenceLimit} (checked at every recorded epoch), or a non-finite data loss ends
 * the run as {@link RunStatus#DIVERGED} with the epoch and the values in the reason. Any other exception ends it as {@link RunStatus#FAILED}; nothing is
 * thrown to the caller, so a sweep goes on.
 *
 * <p>Minibatch order comes from {@code new SplittableRandom(seed)}: the same seed gives the same
 * order. Weight initialization is seeded by the network's configuration.
 *
 * <p>A network that has not yet made a step gets {@link ViewUpdater}, DL4J's own updater made to take
 * its standard path (bitwise the same updates, fewer native objects per step); one that already has
 * an updater keeps it.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private Trainer() {
    }

    /**
     * Trains {@code net} (already initialized) on {@code train}, measuring on {@code validation}.
     *
     * @param classification whether metrics are classification metrics (else regression)
     * @param seed seed of the minibatch order
     */
    public static TrainingResult train(MultiLayerNetwork net, DataSet train, DataSet validation,
                                       boolean classification, TrainingSettings settings, long seed) {
        long start = System.nanoTime();
        List<EpochRecord> history = new ArrayList<>();
        double trivial = Double.NaN;
        int epoch = 0;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        BestState best = null;
        try {
            ViewUpdater.install(net);
            trivial = Evaluation.trivialLoss(net, train.getLabels(), train.getLabelsMaskArray());
            EpochMeter meter = new EpochMeter(net, train, validation, classification);
            int n = train.numExamples();
            int batch = settings.batchSize() == 0 || settings.batchSize() >= n ? n : settings.batchSize();
            SplittableRandom rng = new SplittableRandom(seed);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (epoch = 1; epoch <= settings.epochs(); epoch++) {
                if (batch == n) {
                    net.fit(train);
                } else {
                    // one gather per array and epoch, then each minibatch is a contiguous view of
                    // consecutive rows: the same minibatches as gathering each one, with two native
                    // calls per epoch instead of two per step
                    shuffle(order, rng);
                    INDArray features = rows(train.getFeatures(), order);
                    INDArray labels = rows(train.getLabels(), order);
                    // masks (variable-length sequences) go with their rows, as in the full-batch fit
                    INDArray featuresMask = maskRows(train.getFeaturesMaskArray(), order);
                    INDArray labelsMask = maskRows(train.getLabelsMaskArray(), order);
                    for (int from = 0; from < n; from += batch) {
                        int to = Math.min(n, from + batch);
                        net.fit(new DataSet(firstAxis(features, from, to), firstAxis(labels, from, to),
                                featuresMask == null ? null : firstAxis(featuresMask, from, to),
                                labelsMask == null ? null : firstAxis(labelsMask, from, to)));
                    }
                }
                net.incrementEpochCount();
                boolean last = epoch == settings.epochs();
                boolean recording = epoch % settings.recordEvery() == 0 || last;
                EpochMeter.ParameterSums sums = recording ? EpochMeter.ParameterSums.of(net) : null;
                String divergence = divergence(net.score(), sums, settings.divergenceLimit());
                if (divergence != null) {
                    return new TrainingResult(RunStatus.DIVERGED, "epoch " + epoch + ": " + divergence, epoch,
                            bestEpoch, trivial, history, net, elapsed(start));
                }
                if (recording) {
                    EpochRecord r = meter.measure(net, epoch, sums);
                    if (!Double.isFinite(r.trainLoss()) || !Double.isFinite(r.validationLoss())) {
                        history.add(r);
                        return new TrainingResult(RunStatus.DIVERGED, "epoch " + epoch + ": non-finite data loss (train "
                                + r.trainLoss() + ", validation " + r.validationLoss() + ")", epoch, bestEpoch, trivial,
                                history, net, elapsed(start));
                    }
                    history.add(r);
                    if (r.validationLoss() < bestLoss) {
                        bestLoss = r.validationLoss();
                        bestEpoch = epoch;
                        if (settings.earlyStoppingPatience() > 0) {
                            best = BestState.of(net);
                        }
                    } else if (settings.earlyStoppingPatience() > 0
                            && epoch - bestEpoch >= settings.earlyStoppingPatience()) {
                        LOG.debug("early stop at epoch {} (best {} at epoch {})", epoch, bestLoss, bestEpoch);
                        break;
                    }
                }
            }
            int ran = Math.min(epoch, settings.epochs());
            if (best != null) {
                best.restore(net);
            } else {
                bestEpoch = history.isEmpty() ? ran : history.get(history.size() - 1).epoch();
            }
            return new TrainingResult(RunStatus.COMPLETED, "", ran, bestEpoch, trivial, history, net, elapsed(start));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.debug("training failed", e);
            return new TrainingResult(RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Math.max(0, epoch - 1), bestEpoch, trivial, history, net, elapsed(start));
        }
    }

    /**
     * The whole training state at the best recorded epoch: parameters, the updater's state (Adam's
     * moments, momentum) and the iteration and epoch counts, so that the restored network is the
     * network as it was at that epoch: training it further goes on from there, not with the moments
     * and bias correction of the last epoch, and a model zip saved from it carries that epoch's counts
     * (the study's zips hold no updater state).
     */
    private record BestState(INDArray params, INDArray updaterState, int iterations, int epochs) {
        static BestState of(MultiLayerNetwork net) {
            INDArray state = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
            return new BestState(net.params().dup(), state == null ? null : state.dup(), net.getIterationCount(),
                    net.getEpochCount());
        }

        void restore(MultiLayerNetwork net) {
            net.setParams(params);
            if (updaterState != null) {
                net.getUpdater().getStateViewArray().assign(updaterState);
            }
            net.setIterationCount(iterations);
            net.setEpochCount(epochs);
        }
    }

    /** Measures the network on both parts (see {@link EpochMeter}; a run makes its meter once). */
    public static EpochRecord record(MultiLayerNetwork net, int epoch, DataSet train, DataSet validation,
                                     boolean classification) {
        return new EpochMeter(net, train, validation, classification).measure(net, epoch);
    }

    /**
     * The penalty term of each layer: the sum over its parameters of each configured
     * regularization's term (L1: c*sum|w|; L2 and weight decay: 0.5*c*sum w^2), exactly what DL4J
     * adds to {@code score()}. Read from DL4J's own lists rather than from a RegStudy plan
     * ({@link org.regstudy.network.PenaltyTerms#perLayer} computes it independently from the plan),
     * so it also works for a user's configuration with penalties RegStudy does not model (schedules,
     * custom regularizations).
     */
    public static double[] layerPenalties(MultiLayerNetwork net) {
        double[] penalty = new double[net.getnLayers()];
        EpochMeter.parameterTerms(net, EpochMeter.ParameterSums.of(net), penalty, new double[net.getnLayers()]);
        return penalty;
    }

    /** L2 (Frobenius) norm of each layer's weight parameters (W and RW together; biases excluded). */
    public static double[] layerWeightNorms(MultiLayerNetwork net) {
        double[] norms = new double[net.getnLayers()];
        EpochMeter.parameterTerms(net, EpochMeter.ParameterSums.of(net), new double[net.getnLayers()], norms);
        return norms;
    }

    /**
     * Why the run diverged, or null. The training score (computed by {@code fit}, free) is checked
     * every epoch; the parameters (non-finite values, {@code max|w|} against the limit) only at
     * recorded epochs, from the copy of all parameters the record makes anyway ({@code sums}, null
     * otherwise). A NaN or infinite weight makes the next step's score non-finite, so it is still
     * caught within an epoch.
     */
    private static String divergence(double score, EpochMeter.ParameterSums sums, double limit) {
        if (!Double.isFinite(score)) {
            return "non-finite training score " + score;
        }
        if (sums == null) {
            return null;
        }
        if (sums.nonFinite()) {
            return "non-finite parameter";
        }
        if (sums.maxAbs() > limit) {
            return "max |w| = " + sums.maxAbs() + " exceeds the divergence limit " + limit;
        }
        return null;
    }

    /** Rows {@code from .. to-1} along the first axis, as a view. */
    static INDArray firstAxis(INDArray a, int from, int to) {
        return a.rank() == 2 ? a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** {@link #rows} of a mask, a per-example vector taken as a column; null for no mask. */
    static INDArray maskRows(INDArray mask, int[] rows) {
        if (mask == null) {
            return null;
        }
        return rows(mask.rank() == 1 ? mask.reshape(mask.length(), 1) : mask, rows);
    }

    static INDArray rows(INDArray a, int[] rows) {
        if (a.rank() == 2) {
            return Nd4j.pullRows(a, 1, rows);
        }
        return a.get(new SpecifiedIndex(rows), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
