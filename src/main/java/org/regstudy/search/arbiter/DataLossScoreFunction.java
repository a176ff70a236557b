package org.regstudy.search.arbiter;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The score function RegStudy gives Arbiter: the mean validation DATA loss (no penalty term) that the
 * {@link CandidateEvaluator} computes, to be minimized. Arbiter only consults {@link #minimize()}
 * (to track its best candidate); the score itself comes from the evaluator through
 * {@link RegStudyTaskCreator}. Unlike Arbiter's {@code TestSetLossScoreFunction}, whose
 * {@code score(ds)} includes the penalty, this never scores a model itself.
 */
public final class DataLossScoreFunction implements ScoreFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("the score is the CandidateEvaluator's mean validation data loss");
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        throw new UnsupportedOperationException("the score is the CandidateEvaluator's mean validation data loss");
    }

    /** @return true: lower data loss is better */
    @Override
    public boolean minimize() {
        return true;
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(MultiLayerNetwork.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Object.class);
    }

    @Override
    public String toString() {
        return "DataLossScoreFunction(minimize validation data loss)";
    }
}
