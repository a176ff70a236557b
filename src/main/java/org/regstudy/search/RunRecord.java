package org.regstudy.search;

import java.util.List;
import java.util.Map;
import org.regstudy.diagnosis.Diagnosis;
import org.regstudy.inspect.WeightStats;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.RunStatus;

/**
 * Everything recorded about one run, as stored in {@code runs/<id>.json}.
 *
 * @param schemaVersion version of this record's layout ({@link #SCHEMA_VERSION})
 * @param id run identity: {@code <candidate>-r<repeat>} (plus {@code -f<fold>} with folds)
 * @param seed seed of weight initialization and minibatch order (base seed + repeat)
 * @param plan the penalty plan as DL4J strengths, one line per layer
 * @param diagnosis the single-run verdict with its evidence; null when nothing was recorded
 * @param weights weight statistics per layer and parameter at the end of the run (kept weights)
 * @param test data loss and headline metric on the held-out test part, set only for selected
 *     candidates at the end of a study; NaN otherwise
 */
public record RunRecord(
        int schemaVersion,
        String id,
        String candidateId,
        int repeat,
        int fold,
        long seed,
        double strength,
        Map<String, Object> parameters,
        List<String> plan,
        RunStatus status,
        String reason,
        int epochsRun,
        int bestEpoch,
        double trivialLoss,
        List<EpochRecord> history,
        Diagnosis diagnosis,
        List<WeightStats> weights,
        RunProvenance provenance) {

    public static final int SCHEMA_VERSION = 1;

    /** The recorded epoch whose weights the run kept (best epoch under early stopping, else last). */
    public EpochRecord kept() {
        EpochRecord last = null;
        for (EpochRecord r : history) {
            if (r.epoch() == bestEpoch) {
                return r;
            }
            last = r;
        }
        return last;
    }

    /**
     * What makes this record unusable as the record of run {@code runId}, or null if nothing: a
     * file of another schema or run, or one without the fields every record has (status, history,
     * parameters, plan, provenance); {@code reason}, {@code diagnosis} and {@code weights} may be absent.
     */
    public String problem(String runId) {
        String missing = id == null ? "id" : candidateId == null ? "candidateId" : status == null ? "status"
                : history == null ? "history" : parameters == null ? "parameters" : plan == null ? "plan"
                : provenance == null ? "provenance" : null;
        if (missing != null) {
            return "no \"" + missing + "\"";
        }
        if (schemaVersion != SCHEMA_VERSION) {
            return "schemaVersion " + schemaVersion + ", expected " + SCHEMA_VERSION;
        }
        if (!id.equals(runId)) {
            return "id '" + id + "', expected '" + runId + "'";
        }
        if (history.stream().anyMatch(java.util.Objects::isNull)) {
            return "an empty history entry";
        }
        return weights != null && weights.stream().anyMatch(java.util.Objects::isNull) ? "an empty weights entry" : null;
    }

    /** The run's identity string for candidate, repeat and fold (fold -1: no folds). */
    public static String idOf(String candidateId, int repeat, int fold) {
        return candidateId + "-r" + repeat + (fold >= 0 ? "-f" + fold : "");
    }
}
