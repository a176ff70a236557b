package org.regstudy.diagnosis;

import java.util.Objects;

/** A single run's verdict with the evidence that decided it. */
public record Diagnosis(Verdict verdict, Evidence evidence) {

    public Diagnosis {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
    }
}
