package org.regstudy.search;

import org.regstudy.common.Provenance;

/**
 * Where a run came from: the job (spec hash), the data (fingerprint, shape), the seeds and
 * the software and machine; {@code startedAt} and {@code millis} are the only fields that differ
 * between two runs of the same spec.
 */
public record RunProvenance(
        String jobHash,
        String dataFingerprint,
        String dataDescription,
        String dataShape,
        long splitSeed,
        long runSeed,
        Provenance software,
        String startedAt,
        long millis) {
}
