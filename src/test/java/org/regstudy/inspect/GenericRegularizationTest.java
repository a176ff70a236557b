package org.regstudy.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Regularization classes the inspector does not know are read by name and reflection, not imported. */
class GenericRegularizationTest {

    /** Stands in for RegStudy's proximal L1 (same simple name, coefficient behind getL1()). */
    static final class ProximalL1Regularization implements Regularization {
        private final ISchedule l1;

        ProximalL1Regularization(ISchedule l1) {
            this.l1 = l1;
        }

        public ISchedule getL1() {
            return l1;
        }

        @Override
        public ApplyStep applyStep() {
            return ApplyStep.POST_UPDATER;
        }

        @Override
        public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        }

        @Override
        public double score(INDArray param, int iteration, int epoch) {
            return l1.valueAt(iteration, epoch) * param.norm1Number().doubleValue();
        }

        @Override
        public Regularization clone() {
            return this;
        }
    }

    /** An unknown class with its strength in a field called lambda. */
    static final class MaxNorm implements Regularization {
        public double lambda = 0.7;

        @Override
        public ApplyStep applyStep() {
            return ApplyStep.POST_UPDATER;
        }

        @Override
        public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        }

        @Override
        public double score(INDArray param, int iteration, int epoch) {
            return 0;
        }

        @Override
        public Regularization clone() {
            return this;
        }
    }

    @Test
    void proximalL1ByNameAndScheduledCoefficient() {
        // step schedule: 0.1 * 0.5^floor(epoch / 2); at epoch 5 -> 0.1 * 0.5^2 = 0.025
        var sched = new StepSchedule(ScheduleType.EPOCH, 0.1, 0.5, 2);
        RegularizationInfo info = ModelInspector.describe(new ProximalL1Regularization(sched), 0, 5);
        assertEquals(RegularizationInfo.PROXIMAL_L1, info.kind());
        assertEquals(0.025, info.coefficient(), 1e-15);
        assertNotNull(info.details());
    }

    @Test
    void unknownClassKeepsItsNameAndFieldCoefficient() {
        List<RegularizationInfo> infos = ModelInspector.describe(List.of(new MaxNorm()), 0, 0);
        assertEquals("MaxNorm", infos.get(0).kind());
        assertEquals(0.7, infos.get(0).coefficient(), 0.0);
        assertTrue(infos.get(0).details().contains("0.7"), infos.get(0).details());
    }

    @Test
    void layerWithUnknownRegularizationContributesItsScore() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).list()
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                        .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                        .regularization(new java.util.ArrayList<>(List.of(new ProximalL1Regularization(
                                new org.nd4j.linalg.schedule.FixedSchedule(0.1))))).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new double[][] {{1}, {-2}}));
        LayerInspection l = ModelInspector.inspect(net, SparsityThreshold.defaults(), 3).layers().get(0);
        assertEquals(RegularizationInfo.PROXIMAL_L1, l.weightRegularization().get(0).kind());
        assertEquals(0.1, l.weightRegularization().get(0).coefficient(), 0.0);
        // penalty = 0.1 * (|1| + |-2|) = 0.3
        assertEquals(0.3, l.penaltyTerm(), 1e-12);
    }
}
