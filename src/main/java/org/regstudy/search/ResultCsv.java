package org.regstudy.search;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.regstudy.train.EpochRecord;

/**
 * Tidy CSV views of the run records: {@code runs.csv} (a row per run, at its kept epoch) and
 * {@code epochs.csv} (a row per run and recorded epoch). Written atomically.
 */
public final class ResultCsv {
    private ResultCsv() {
    }

    public static void write(ResultStore store, List<RunRecord> records) {
        store.writeText("runs.csv", runs(records));
        store.writeText("epochs.csv", epochs(records));
    }

    /** One row per run; parameter columns are the union of all runs' parameter names. */
    public static String runs(List<RunRecord> records) {
        TreeSet<String> params = new TreeSet<>();
        for (RunRecord r : records) {
            params.addAll(r.parameters().keySet());
        }
        StringBuilder sb = new StringBuilder("run,candidate,repeat,fold,seed,strength");
        for (String p : params) {
            sb.append(',').append(quote("param." + p));
        }
        sb.append(",status,epochs_run,kept_epoch,trivial_loss,train_loss,validation_loss,gap,penalty,"
                + "train_metric,validation_metric,verdict,millis\n");
        for (RunRecord r : records) {
            EpochRecord k = r.kept();
            sb.append(r.id()).append(',').append(r.candidateId()).append(',').append(r.repeat()).append(',')
                    .append(r.fold()).append(',').append(r.seed()).append(',').append(num(r.strength()));
            for (String p : params) {
                Object v = r.parameters().get(p);
                sb.append(',').append(v == null ? "" : quote(String.valueOf(v)));
            }
            sb.append(',').append(r.status()).append(',').append(r.epochsRun()).append(',').append(r.bestEpoch())
                    .append(',').append(num(r.trivialLoss()));
            if (k == null) {
                sb.append(",,,,,,");
            } else {
                sb.append(',').append(num(k.trainLoss())).append(',').append(num(k.validationLoss())).append(',')
                        .append(num(k.validationLoss() - k.trainLoss())).append(',').append(num(k.penalty())).append(',')
                        .append(num(k.train().headline())).append(',').append(num(k.validation().headline()));
            }
            sb.append(',').append(r.diagnosis() == null ? r.status().name() : r.diagnosis().verdict().name())
                    .append(',').append(r.provenance() == null ? "" : r.provenance().millis()).append('\n');
        }
        return sb.toString();
    }

    /** One row per run and recorded epoch. */
    public static String epochs(List<RunRecord> records) {
        StringBuilder sb = new StringBuilder("run,candidate,repeat,strength,epoch,train_loss,validation_loss,penalty,"
                + "train_metric,validation_metric\n");
        for (RunRecord r : records) {
            for (EpochRecord e : r.history()) {
                sb.append(r.id()).append(',').append(r.candidateId()).append(',').append(r.repeat()).append(',')
                        .append(num(r.strength())).append(',').append(e.epoch()).append(',').append(num(e.trainLoss()))
                        .append(',').append(num(e.validationLoss())).append(',').append(num(e.penalty())).append(',')
                        .append(num(e.train().headline())).append(',').append(num(e.validation().headline())).append('\n');
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.8g", v);
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
