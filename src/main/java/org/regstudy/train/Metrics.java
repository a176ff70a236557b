package org.regstudy.train;

/**
 * Metrics of a model on one part of the data. Fields that do not apply to the task are NaN.
 *
 * <p>Classification: accuracy; macro F1 (the unweighted mean over classes of
 * {@code 2*precision*recall/(precision+recall)}, a class with no predictions and no examples
 * skipped); log loss {@code -mean(log p_y)} with p clipped to [1e-15, 1].
 * Regression: RMSE {@code sqrt(mean((y-yhat)^2))}, MAE {@code mean(|y-yhat|)},
 * R^2 {@code 1 - SS_res/SS_tot} per output (over its rows and time steps, about its own mean), averaged over
 * the outputs whose targets vary (scikit-learn's "uniform_average"); the metrics of sequences with a label
 * mask count only the time steps it keeps.
 */
public record Metrics(double accuracy, double macroF1, double logLoss, double rmse, double mae, double r2) {

    public static Metrics classification(double accuracy, double macroF1, double logLoss) {
        return new Metrics(accuracy, macroF1, logLoss, Double.NaN, Double.NaN, Double.NaN);
    }

    public static Metrics regression(double rmse, double mae, double r2) {
        return new Metrics(Double.NaN, Double.NaN, Double.NaN, rmse, mae, r2);
    }

    /** The headline metric: accuracy for classification, RMSE for regression. */
    public double headline() {
        return Double.isNaN(accuracy) ? rmse : accuracy;
    }
}
