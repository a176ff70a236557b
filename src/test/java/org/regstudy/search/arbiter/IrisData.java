package org.regstudy.search.arbiter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.regstudy.train.RunStatus;
import org.regstudy.train.Trainer;
import org.regstudy.train.TrainingResult;
import org.regstudy.train.TrainingSettings;

/** 30 rows of iris.csv (every 5th row): 20 for training, 10 for validation; and a real evaluator. */
final class IrisData {
    static final DataSet TRAIN;
    static final DataSet VALIDATION;

    static {
        try {
            Path p = Path.of("data/iris.csv");
            List<String> lines = Files.readAllLines(p);
            double[][] x = new double[30][4];
            double[][] y = new double[30][3];
            for (int k = 0; k < 30; k++) {
                String[] f = lines.get(1 + 5 * k).split(",");
                for (int j = 0; j < 4; j++) {
                    x[k][j] = Double.parseDouble(f[j]) / 8.0; // scaled to about [0, 1]
                }
                y[k][Integer.parseInt(f[4].trim())] = 1;
            }
            // rows alternate through the classes in blocks; take k % 3 == 2 for validation
            double[][] tx = new double[20][];
            double[][] ty = new double[20][];
            double[][] vx = new double[10][];
            double[][] vy = new double[10][];
            int t = 0;
            int v = 0;
            for (int k = 0; k < 30; k++) {
                if (k % 3 == 2) {
                    vx[v] = x[k];
                    vy[v++] = y[k];
                } else {
                    tx[t] = x[k];
                    ty[t++] = y[k];
                }
            }
            TRAIN = new DataSet(Nd4j.createFromArray(tx).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                    Nd4j.createFromArray(ty).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
            VALIDATION = new DataSet(Nd4j.createFromArray(vx).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                    Nd4j.createFromArray(vy).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private IrisData() {
    }

    /** Trains the candidate's network for {@code epochs} full-batch epochs; the score is the last validation data loss. */
    static CandidateScore train(SearchCandidate c, int epochs) {
        MultiLayerNetwork net = new MultiLayerNetwork(c.configuration().clone());
        net.init();
        TrainingResult r = Trainer.train(net, TRAIN, VALIDATION, true, TrainingSettings.of(epochs, 0), 1);
        if (r.status() == RunStatus.DIVERGED) {
            return CandidateScore.diverged(r.reason());
        }
        if (r.status() == RunStatus.FAILED) {
            return CandidateScore.failed(r.reason());
        }
        return CandidateScore.completed(r.last().validationLoss());
    }
}
