package org.regstudy.search;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * One configuration to train (its repeats share it): plain data, so a run is fully described by
 * the candidate, the repeat, the fold and the data's fingerprint.
 *
 * @param id deterministic identity, e.g. {@code s03} (the fourth strength of a study) or
 *     {@code c0007} (the eighth candidate of a search); part of file names
 * @param strength ordering key for "strongest": the sum of the candidate's DL4J strengths
 *     (0 for the unregularized baseline)
 * @param parameters what varies between candidates, by name (e.g. {@code strength},
 *     {@code layer0.l2}, {@code learningRate}); sorted and immutable
 * @param configurationJson the DL4J configuration with the penalty plan applied, as JSON; each
 *     repeat reseeds it
 */
public record Candidate(String id, double strength, Map<String, Object> parameters, String configurationJson) {

    public Candidate {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("candidate id must be 1-64 letters, digits, '.', '_' or '-', got " + id);
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** A candidate from a built configuration. */
    public static Candidate of(String id, double strength, Map<String, Object> parameters, MultiLayerConfiguration conf) {
        return new Candidate(id, strength, parameters, conf.toJson());
    }

    /**
     * The configuration with every layer's seed set to {@code seed} (weight init and dropout), and
     * its iteration and epoch counts at 0: every run trains from scratch, even from the
     * configuration of a trained model (whose counts would start Adam's bias correction and any
     * schedule part-way).
     */
    public MultiLayerConfiguration configuration(long seed) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configurationJson);
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            conf.getConf(i).setSeed(seed);
        }
        return conf;
    }
}
