package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.regstudy.common.BadInputException;

/** Damaged run records in a result directory: resuming runs them again, reading names the file. */
class ResultStoreTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fields missing|{\"schemaVersion\": 1}|no \"id\"",
        "null|null|the file holds null",
        "another run's record|{\"schemaVersion\": 1, \"id\": \"s01-r0\", \"candidateId\": \"s01\", \"status\": \"COMPLETED\", \"history\": [], \"parameters\": {}, \"plan\": [], \"provenance\": {}}|id 's01-r0', expected 's00-r0'",
        "another schema|{\"schemaVersion\": 7, \"id\": \"s00-r0\", \"candidateId\": \"s00\", \"status\": \"COMPLETED\", \"history\": [], \"parameters\": {}, \"plan\": [], \"provenance\": {}}|schemaVersion 7, expected 1",
        "no status|{\"schemaVersion\": 1, \"id\": \"s00-r0\", \"candidateId\": \"s00\"}|no \"status\"",
        "truncated|{\"schemaVersion\": 1, \"id\": \"s0|damaged run record",
        "an empty weights entry|{\"schemaVersion\": 1, \"id\": \"s00-r0\", \"candidateId\": \"s00\", \"status\": \"COMPLETED\", \"history\": [], \"parameters\": {}, \"plan\": [], \"provenance\": {}, \"weights\": [null]}|an empty weights entry",
    })
    void aDamagedRecordCountsAsAbsentForResumeAndIsNamedWhenRead(String what, String text, String problem) throws Exception {
        Path dir = tmp.resolve("job");
        JobIdentity job = JobIdentity.of("study", "abc123", "t");
        try (ResultStore store = ResultStore.open(dir, job, "{}", false)) {
            Files.writeString(dir.resolve("runs/s00-r0.json"), text);
            // resume: the record counts as absent (the run is trained again), no exception
            assertTrue(store.find("s00-r0").isEmpty(), what);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ResultStore.read(dir).readAllStrict());
        assertTrue(e.getMessage().startsWith(dir.resolve("runs/s00-r0.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aRecordTheDirectoryCannotTakeIsBadInput() throws Exception {
        Path dir = tmp.resolve("job");
        try (ResultStore store = ResultStore.open(dir, JobIdentity.of("study", "abc123", "t"), "{}", false)) {
            Files.createDirectories(dir.resolve("runs/s00-r0.json")); // a directory where the record goes
            BadInputException e = assertThrows(BadInputException.class, () -> store.writeJson("runs/s00-r0.json", "{}"));
            assertTrue(e.getMessage().startsWith(dir.resolve("runs/s00-r0.json") + ": cannot write (Is a directory"),
                    e.getMessage());
        }
    }

    @Test
    void aRunningJobIsToldFromAnInterruptedOne() throws Exception {
        // report and results on a directory without summary.json: "it is running now" while a job holds the lock
        // (here this JVM's store), "resume it with --resume" once it has let go
        Path dir = tmp.resolve("running");
        try (ResultStore store = ResultStore.open(dir, JobIdentity.of("study", "abc123", "t"), "{}", false)) {
            assertTrue(ResultStore.lockedByARunningJob(dir));
            BadInputException e = assertThrows(BadInputException.class, store::readSummary);
            assertEquals(dir + ": study not finished (no summary.json); it is running now: wait for it to end", e.getMessage());
        }
        assertFalse(ResultStore.lockedByARunningJob(dir));
        assertFalse(ResultStore.lockedByARunningJob(tmp.resolve("no-such-dir")));
    }

    @Test
    void aJobFileWithoutKindOrHashOrOfBrokenJsonIsNamedDamaged() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("damaged-job"));
        Files.writeString(dir.resolve("job.json"), "{\"schemaVersion\": 99}");
        BadInputException e = assertThrows(BadInputException.class, () ->
                ResultStore.open(dir, JobIdentity.of("study", "abc123", "t"), "{}", true));
        // it said "holds another job (null ?, this is study abc123)"
        assertEquals(dir.resolve("job.json") + ": not a RegStudy job file (no kind or hash); this directory was not"
                + " written by RegStudy or is damaged", e.getMessage());
        Files.writeString(dir.resolve("job.json"), "{\"kind\": \"study\",\n \"hash\": [");
        e = assertThrows(BadInputException.class, () ->
                ResultStore.open(dir, JobIdentity.of("study", "abc123", "t"), "{}", true));
        // Jackson's "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, ...]" shortened
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("job.json") + ": unreadable job file ("), e.getMessage());
    }

    @Test
    void aResultDirectoryThatCannotBeCreatedIsBadInput() throws Exception {
        Files.writeString(tmp.resolve("afile"), "x");
        BadInputException e = assertThrows(BadInputException.class, () ->
                ResultStore.open(tmp.resolve("afile/sub"), JobIdentity.of("study", "abc123", "t"), "{}", false));
        assertEquals(tmp.resolve("afile/sub") + ": cannot create the result directory (Not a directory: "
                + tmp.resolve("afile/sub") + "); choose another --out", e.getMessage());
    }
}
