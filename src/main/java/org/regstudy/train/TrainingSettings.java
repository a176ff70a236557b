package org.regstudy.train;

/**
 * How long and how a network is trained and how often it is measured.
 *
 * @param epochs passes over the training part
 * @param batchSize minibatch size; 0 means full batch (one step per epoch)
 * @param recordEvery record losses and metrics every this many epochs (and always at the last)
 * @param earlyStoppingPatience 0 for none; otherwise stop when the validation data loss has not
 *     improved for this many epochs, and restore the network as it was at the best recorded epoch
 *     (weights, updater state, iteration and epoch counts)
 * @param divergenceLimit a run whose max |w| exceeds this at a recorded epoch is DIVERGED (default 1e6)
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

    /** Per-call overhead of a DL4J forward pass, in rows of forward work (measured order of magnitude). */
    static final double CALL_OVERHEAD_ROWS = 64;
    /** The share of training time the default recording interval aims at. */
    static final double RECORD_SHARE = 0.02;

    /**
     * The recording interval that keeps recording under about {@value #RECORD_SHARE} of training time
     * (2 %), from a cost model in rows of forward work: a training step over {@code b} rows costs
     * {@code 4 * C + 3 * b} (forward, backward and update, each with its per-call overhead; the
     * backward pass costs about two forward passes per row), an epoch {@code steps} of them, and a
     * record {@code C + nTrain + nValidation} (one forward pass over both parts, {@link EpochMeter}),
     * with {@code C} = {@value #CALL_OVERHEAD_ROWS}. Measured on half-moons 2-500-1 (2026-12): a step
     * over 30 rows 0.58 ms = 348 rows of 1.65 us, model 346; a record over 100 rows 0.26 ms = 160 rows,
     * model 164 (through DL4J's {@code output}; a plain dense stack's record now takes
     * {@link DenseForward}'s pass, 0.10-0.13 ms there, so on such networks the default aims at about
     * 1 %: the model is left as it was, so the recorded epochs, and the results, stay what they were).
     * Then {@code k = ceil(record / (0.02 * epoch))}, at most {@code epochs / 5} so a run
     * keeps at least five points of its curves. Deterministic (no timing), so the recorded epochs, and
     * with them the results, do not depend on the machine. Example: 30 training and 70 validation
     * rows, full batch: epoch 256 + 90 = 346, record 64 + 100 = 164, k = ceil(164 / 6.92) = 24.
     */
    public static int defaultRecordEvery(int epochs, int nTrain, int nValidation, int batchSize) {
        int batch = batchSize == 0 || batchSize >= nTrain ? nTrain : batchSize;
        int steps = (nTrain + batch - 1) / batch;
        double epochCost = steps * (4 * CALL_OVERHEAD_ROWS + 3.0 * batch);
        double recordCost = CALL_OVERHEAD_ROWS + nTrain + nValidation;
        int k = (int) Math.ceil(recordCost / (RECORD_SHARE * epochCost));
        return Math.max(1, Math.min(k, epochs / 5));
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
