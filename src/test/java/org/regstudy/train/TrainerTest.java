package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.regstudy.data.CsvLoader;
import org.regstudy.data.CsvOptions;
import org.regstudy.data.Dataset;
import org.regstudy.data.Normalization;
import org.regstudy.data.NormalizationKind;
import org.regstudy.data.NormalizedSplit;
import org.regstudy.data.SplitSpec;
import org.regstudy.data.Splitter;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
import org.regstudy.network.PenaltyTerms;
import org.regstudy.network.UpdaterSpec;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

/** The training loop on real iris data. */
class TrainerTest {
    static final NormalizedSplit IRIS = Normalization.fit(Splitter.holdout(
            CsvLoader.load(Path.of("data/iris.csv"), CsvOptions.defaults()), SplitSpec.fractions(0.3, 0), 3),
            NormalizationKind.STANDARDIZE);

    static MultiLayerNetwork net(Penalty penalty, double lr) {
        return NetworkFactory.build(NetworkSpec.builder().inputs(4).dense(16, "relu").output(3, "softmax", "MCXENT")
                .updater(UpdaterSpec.adam(lr)).seed(9).build(), PenaltyPlan.uniform(penalty));
    }

    static DataSet part(Dataset d) {
        return d.toDataSet();
    }

    @Test
    void recordsEveryKEpochsAndTheLastWithDataLossWithoutPenalty() {
        MultiLayerNetwork net = net(Penalty.l2(0.1), 0.01);
        TrainingResult r = Trainer.train(net, part(IRIS.split().train()), part(IRIS.split().validation()), true,
                new TrainingSettings(23, 16, 5, 0, 1e6), 4);
        assertEquals(RunStatus.COMPLETED, r.status());
        // epochs 5, 10, 15, 20 and the last, 23
        assertEquals(List.of(5, 10, 15, 20, 23), r.history().stream().map(EpochRecord::epoch).toList());
        EpochRecord last = r.last();
        DataSet train = part(IRIS.split().train());
        assertEquals(PenaltyTerms.dataLoss(net, train), last.trainLoss(), 1e-6);
        // DL4J's score includes the penalty: score = data loss + recorded penalty term
        assertEquals(net.score(train), last.trainLoss() + last.penalty(), 1e-5);
        assertEquals(PenaltyTerms.total(net), last.penalty(), 1e-6);
        assertTrue(last.penalty() > 0);
        // loss fell from the trivial level (ln 3 = 1.0986 for three balanced classes, roughly)
        assertTrue(last.trainLoss() < r.trivialLoss(), last.trainLoss() + " < " + r.trivialLoss());
    }

    @Test
    void sameSeedSameHistoryOtherMinibatchSeedOtherHistory() {
        DataSet train = part(IRIS.split().train());
        DataSet val = part(IRIS.split().validation());
        TrainingSettings s = new TrainingSettings(10, 8, 2, 0, 1e6);
        TrainingResult a = Trainer.train(net(Penalty.none(), 0.01), train, val, true, s, 1);
        TrainingResult b = Trainer.train(net(Penalty.none(), 0.01), train, val, true, s, 1);
        TrainingResult c = Trainer.train(net(Penalty.none(), 0.01), train, val, true, s, 2);
        assertEquals(a.history().stream().map(EpochRecord::trainLoss).toList(),
                b.history().stream().map(EpochRecord::trainLoss).toList());
        assertTrue(!a.history().stream().map(EpochRecord::trainLoss).toList()
                .equals(c.history().stream().map(EpochRecord::trainLoss).toList()));
    }

    @Test
    void maskedRowsDoNotTrainInMinibatchesEither() {
        // a label mask of 0 on every third training row: what those rows' labels say must not change training,
        // in minibatches (batch 8) as in the full batch. The minibatches dropped the masks: the labels counted
        DataSet train = part(IRIS.split().train());
        int n = train.numExamples();
        org.nd4j.linalg.api.ndarray.INDArray mask = org.nd4j.linalg.factory.Nd4j.ones(n, 1);
        for (int i = 0; i < n; i += 3) {
            mask.putScalar(i, 0, 0);
        }
        DataSet garbled = train.copy();
        for (int i = 0; i < n; i += 3) {
            // another class for each masked row
            org.nd4j.linalg.api.ndarray.INDArray labels = garbled.getLabels();
            int c = labels.getRow(i).argMax().getInt(0);
            labels.putScalar(i, c, 0);
            labels.putScalar(i, (c + 1) % 3, 1);
        }
        DataSet val = part(IRIS.split().validation());
        for (int batch : new int[] {8, 0}) {
            TrainingSettings s = new TrainingSettings(6, batch, 3, 0, 1e6);
            MultiLayerNetwork a = net(Penalty.none(), 0.01);
            MultiLayerNetwork b = net(Penalty.none(), 0.01);
            MultiLayerNetwork unmasked = net(Penalty.none(), 0.01);
            Trainer.train(a, new DataSet(train.getFeatures(), train.getLabels(), null, mask), val, true, s, 5);
            Trainer.train(b, new DataSet(garbled.getFeatures(), garbled.getLabels(), null, mask), val, true, s, 5);
            Trainer.train(unmasked, new DataSet(garbled.getFeatures(), garbled.getLabels()), val, true, s, 5);
            assertEquals(a.params(), b.params(), "batch " + batch + ": masked rows' labels changed training");
            assertTrue(!a.params().equals(unmasked.params()), "batch " + batch + ": the mask had no effect");
        }
    }

    @Test
    void earlyStoppingRestoresTheWeightsOfTheBestRecordedEpoch() {
        DataSet train = part(IRIS.split().train());
        DataSet val = part(IRIS.split().validation());
        // A high learning rate over many epochs: validation loss bottoms out early, then rises.
        MultiLayerNetwork net = net(Penalty.none(), 0.05);
        TrainingResult r = Trainer.train(net, train, val, true, new TrainingSettings(400, 0, 1, 15, 1e6), 1);
        assertEquals(RunStatus.COMPLETED, r.status());
        EpochRecord best = r.history().stream().min(java.util.Comparator.comparingDouble(EpochRecord::validationLoss))
                .orElseThrow();
        assertEquals(best.epoch(), r.bestEpoch());
        assertEquals(best, r.kept());
        // stopped `patience` epochs after the best one, and the network now has the best epoch's weights
        assertEquals(r.bestEpoch() + 15, r.epochsRun());
        assertEquals(best.validationLoss(), PenaltyTerms.dataLoss(net, val), 1e-6);
    }

    @Test
    void earlyStoppingRestoresTheWholeStateOfTheBestEpoch() {
        DataSet train = part(IRIS.split().train());
        DataSet val = part(IRIS.split().validation());
        MultiLayerNetwork stopped = net(Penalty.none(), 0.05);
        TrainingResult r = Trainer.train(stopped, train, val, true, new TrainingSettings(400, 0, 1, 15, 1e6), 1);
        assertTrue(r.epochsRun() > r.bestEpoch(), "trained past its best epoch");
        // the same network trained for exactly the best epoch's number of epochs, without early stopping
        MultiLayerNetwork exact = net(Penalty.none(), 0.05);
        Trainer.train(exact, train, val, true, new TrainingSettings(r.bestEpoch(), 0, 1, 0, 1e6), 1);
        assertEquals(exact.params(), stopped.params());
        assertEquals(exact.getUpdater().getStateViewArray(), stopped.getUpdater().getStateViewArray(),
                "Adam's moments of the best epoch, not the last");
        assertEquals(r.bestEpoch(), stopped.getEpochCount());
        assertEquals(exact.getIterationCount(), stopped.getIterationCount());
        assertEquals(exact.getLayerWiseConfigurations().toJson(), stopped.getLayerWiseConfigurations().toJson(),
                "the counts every layer's configuration carries");
    }

    @Test
    void absurdLearningRateIsDiverged() {
        MultiLayerNetwork net = NetworkFactory.build(NetworkSpec.builder().inputs(4).dense(16, "relu")
                .output(3, "softmax", "MCXENT").updater(UpdaterSpec.sgd(1e6)).seed(9).build(),
                PenaltyPlan.uniform(Penalty.l2(1)));
        TrainingResult r = Trainer.train(net, part(IRIS.split().train()), part(IRIS.split().validation()), true,
                new TrainingSettings(50, 0, 5, 0, 1e6), 1);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.reason().startsWith("epoch "), r.reason());
        assertTrue(r.epochsRun() < 50);
    }
}
