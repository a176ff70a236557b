package org.regstudy.train;

/**
 * How long and how a network is trained and how often it is measured.
 *
 * @param epochs passes over the training part
 * @param batchSize minibatch size; 0 means full batch (one step per epoch)
 * @param recordEvery record losses and metrics every this many epochs (and always at the last)
 * @param earlyStoppingPatience 0 for none; otherwise stop when the validation data loss has not
 *     improved for this many epochs, and restore the weights of the best recorded epoch
 * @param divergenceLimit a run whose max |w| exceeds this is DIVERGED (default 1e6)
 */
public record TrainingSettings(int epochs, int batchSize, int recordEvery, int earlyStoppingPatience,
                               double divergenceLimit) {

    public TrainingSettings {
        require(epochs >= 1, "epochs", epochs, ">= 1");
        require(batchSize >= 0, "batchSize", batchSize, ">= 0 (0 = full batch)");
        require(recordEvery >= 1, "recordEvery", recordEvery, ">= 1");
        require(earlyStoppingPatience >= 0, "earlyStoppingPatience", earlyStoppingPatience, ">= 0");
        require(divergenceLimit > 0, "divergenceLimit", divergenceLimit, "> 0");
    }

    /** {@code epochs} epochs with the given batch size, recording every max(1, epochs/100) epochs. */
    public static TrainingSettings of(int epochs, int batchSize) {
        return new TrainingSettings(epochs, batchSize, Math.max(1, epochs / 100), 0, 1e6);
    }

    public TrainingSettings withRecordEvery(int k) {
        return new TrainingSettings(epochs, batchSize, k, earlyStoppingPatience, divergenceLimit);
    }

    public TrainingSettings withEarlyStopping(int patience) {
        return new TrainingSettings(epochs, batchSize, recordEvery, patience, divergenceLimit);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(e, batchSize, recordEvery, earlyStoppingPatience, divergenceLimit);
    }

    private static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
        }
    }
}
