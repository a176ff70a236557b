package org.regstudy.search;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.train.TrainingSettings;

/**
 * What every run of one job shares: the prepared (normalized) data parts, the training
 * settings, the verdict thresholds, the seeds and the provenance of the data.
 *
 * @param test held-out test part; null when the split has none. No run, search or selection
 *     reads it: only the final evaluation of the selected candidates.
 * @param normalizer fitted on the training part only; stored inside saved model zips; may be null
 * @param saveModels whether runs write their model zip (pruned at the end of a job)
 */
public record RunContext(
        DataSet train,
        DataSet validation,
        DataSet test,
        boolean classification,
        DataNormalization normalizer,
        TrainingSettings settings,
        Thresholds thresholds,
        long baseSeed,
        String jobHash,
        String dataFingerprint,
        String dataDescription,
        String dataShape,
        long splitSeed,
        boolean saveModels) {

    /**
     * A context for a researcher's own data (Java API): the parts as DL4J DataSets (already
     * normalized, if at all), default thresholds, models saved. The fingerprint is the SHA-256 of
     * the parts' arrays, so a result directory still knows which data it holds.
     */
    public static RunContext of(DataSet train, DataSet validation, DataSet test, boolean classification,
                                TrainingSettings settings, long seed) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (DataSet d : new DataSet[] {train, validation, test}) {
            if (d != null) {
                for (org.nd4j.linalg.api.ndarray.INDArray a : new org.nd4j.linalg.api.ndarray.INDArray[] {d.getFeatures(), d.getLabels()}) {
                    sha.update(java.util.Arrays.toString(a.shape()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    for (double v : a.dup().data().asDouble()) {
                        long bits = Double.doubleToLongBits(v);
                        for (int i = 0; i < 8; i++) {
                            sha.update((byte) (bits >>> (8 * i)));
                        }
                    }
                }
            }
        }
        String hash = java.util.HexFormat.of().formatHex(sha.digest());
        String shape = train.numExamples() + "+" + validation.numExamples() + "+" + (test == null ? 0 : test.numExamples())
                + " examples x " + train.getFeatures().size(1) + " features";
        return new RunContext(train, validation, test, classification, null, settings, Thresholds.defaults(), seed,
                hash, hash, "caller-provided DataSets", shape, seed, true);
    }

    /** All examples of an iterator as one DataSet (small data: studies hold their parts in memory). */
    public static DataSet collect(org.nd4j.linalg.dataset.api.iterator.DataSetIterator iterator) {
        java.util.List<DataSet> parts = new java.util.ArrayList<>();
        iterator.reset();
        while (iterator.hasNext()) {
            parts.add(iterator.next());
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("iterator has no examples");
        }
        return DataSet.merge(parts);
    }
}
