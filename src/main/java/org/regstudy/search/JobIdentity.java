package org.regstudy.search;

/**
 * What a result directory holds: the kind of job ({@code study} or {@code search}), the hash
 * that identifies it (SHA-256 of the canonical spec without execution-only settings, plus the
 * data fingerprint) and the schema version of its files.
 */
public record JobIdentity(int schemaVersion, String kind, String hash, String name) {
    public static final int SCHEMA_VERSION = 1;

    public static JobIdentity of(String kind, String hash, String name) {
        return new JobIdentity(SCHEMA_VERSION, kind, hash, name);
    }
}
