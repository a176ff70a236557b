package org.regstudy.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Twelve rows of the iris data set (rows 1-4, 51-54, 101-104 of data/iris.csv), one-hot labels. */
final class IrisRows {
    private IrisRows() {
    }

    static final double[][] X = {
        {5.1, 3.5, 1.4, 0.2}, {4.9, 3.0, 1.4, 0.2}, {4.7, 3.2, 1.3, 0.2}, {4.6, 3.1, 1.5, 0.2},
        {7.0, 3.2, 4.7, 1.4}, {6.4, 3.2, 4.5, 1.5}, {6.9, 3.1, 4.9, 1.5}, {5.5, 2.3, 4.0, 1.3},
        {6.3, 3.3, 6.0, 2.5}, {5.8, 2.7, 5.1, 1.9}, {7.1, 3.0, 5.9, 2.1}, {6.3, 2.9, 5.6, 1.8},
    };
    static final int[] Y = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

    static DataSet dataSet(DataType type) {
        double[][] y = new double[Y.length][3];
        for (int i = 0; i < Y.length; i++) {
            y[i][Y[i]] = 1;
        }
        return new DataSet(Nd4j.createFromArray(X).castTo(type), Nd4j.createFromArray(y).castTo(type));
    }
}
