package org.regstudy.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.regstudy.common.AtomicFiles;
import org.regstudy.common.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result directory: {@code job.json} (what job it holds), {@code spec.json}, {@code runs/<id>.json}
 * per run, optional {@code runs/<id>.zip} models, {@code summary.json}, {@code runs.csv},
 * {@code epochs.csv}, {@code report.html}. Every file is written atomically (temporary file, then
 * rename), so a killed job leaves only whole files and resuming skips exactly the runs whose record
 * exists. A directory that holds another job is refused, and so is one locked by a live process.
 */
public final class ResultStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** Run records larger than this are not read (a record is a few hundred KB at most). */
    public static final long MAX_RECORD_BYTES = 64L << 20;

    private final Path dir;
    private final JobIdentity job;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ResultStore(Path dir, JobIdentity job, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.job = job;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens {@code dir} for {@code job}: creates it when absent or empty; with {@code resume},
     * reopens a directory of the same job; refuses a directory of another job, a non-empty
     * directory that holds no job, and (without resume) a directory that already holds this job.
     *
     * @param specJson the spec as bound, written to {@code spec.json} for provenance
     */
    public static ResultStore open(Path dir, JobIdentity job, String specJson, boolean resume) {
        ObjectMapper json = ResultJson.mapper();
        if (dir.toString().isBlank()) {
            throw new BadInputException("result directory: empty path; give a directory with --out");
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new BadInputException(dir + ": exists and is not a directory; choose another --out");
            }
            Path jobFile = dir.resolve("job.json");
            if (Files.exists(jobFile)) {
                JobIdentity existing;
                try {
                    existing = json.readValue(jobFile.toFile(), JobIdentity.class);
                } catch (IOException e) {
                    throw new BadInputException(jobFile + ": unreadable job file (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? firstLine(j.getOriginalMessage()) : String.valueOf(e.getMessage()).lines().findFirst().orElse(""))
                            + "); this directory was not written by RegStudy or is damaged");
                }
                if (existing == null || existing.kind() == null || existing.hash() == null) {
                    throw new BadInputException(jobFile + ": not a RegStudy job file (no kind or hash); this directory was"
                            + " not written by RegStudy or is damaged");
                }
                if (!job.kind().equals(existing.kind()) || !job.hash().equals(existing.hash())) {
                    throw new BadInputException(dir + ": holds another job (" + existing.kind() + " " + shortHash(existing.hash())
                            + ", this is " + job.kind() + " " + shortHash(job.hash()) + "); choose another --out");
                }
                if (!resume) {
                    throw new BadInputException(dir + ": already holds this " + job.kind()
                            + "; add --resume to continue it, or choose another --out");
                }
            } else if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        throw new BadInputException(dir + ": not empty and holds no RegStudy job; choose another --out");
                    }
                }
            }
            if (resume && !Files.exists(jobFile)) {
                LOG.warn("--resume: {} holds no job yet; starting it there", dir);
            }
            Files.createDirectories(dir.resolve("runs"));
            FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new BadInputException(dir + ": in use by another running job");
            }
            ResultStore store = new ResultStore(dir, job, channel, lock);
            try {
                if (!Files.exists(jobFile)) {
                    AtomicFiles.writeString(dir.resolve("spec.json"), specJson);
                    AtomicFiles.writeString(jobFile, json.writeValueAsString(job));
                }
                return store;
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the result directory (" + AtomicFiles.reason(e) + "); choose another --out", e);
        }
    }

    /** Opens an existing result directory read-only (for {@code results} and {@code report}). */
    public static ResultStore read(Path dir) {
        Path jobFile = dir.resolve("job.json");
        if (!Files.exists(dir)) {
            throw new BadInputException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a directory; give a study or search result directory");
        }
        if (!Files.isRegularFile(jobFile)) {
            throw new BadInputException(dir + ": not a RegStudy result directory (no job.json)");
        }
        try {
            var node = ResultJson.mapper().readTree(jobFile.toFile());
            if (node == null || !node.isObject() || !node.path("kind").isTextual() || !node.path("hash").isTextual()) {
                throw new BadInputException(jobFile + ": not a RegStudy job file (expected a JSON object with"
                        + " \"schemaVersion\", \"kind\", \"hash\" and \"name\")");
            }
            return new ResultStore(dir, ResultJson.mapper().treeToValue(node, JobIdentity.class), null, null);
        } catch (IOException e) {
            throw new BadInputException(jobFile + ": unreadable job file: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String shortHash(String h) {
        return h == null ? "?" : h.substring(0, Math.min(12, h.length()));
    }

    public Path dir() {
        return dir;
    }

    public JobIdentity job() {
        return job;
    }

    public Path runsDir() {
        return dir.resolve("runs");
    }

    /** Path of a run's JSON record. */
    public Path recordPath(String runId) {
        return runsDir().resolve(checkId(runId) + ".json");
    }

    /** Path of a run's model zip. */
    public Path modelPath(String runId) {
        return runsDir().resolve(checkId(runId) + ".zip");
    }

    private static String checkId(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-', got " + runId);
        }
        return runId;
    }

    /** The stored record of a run, if it completed before (a damaged file counts as absent). */
    public Optional<RunRecord> find(String runId) {
        Path p = recordPath(runId);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        String problem;
        try {
            RunRecord r = ResultJson.mapper().readValue(p.toFile(), RunRecord.class);
            problem = problem(r, runId);
            if (problem == null) {
                return Optional.of(r);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem = firstLine(e.getOriginalMessage());
        } catch (IOException e) {
            problem = firstLine(e.getMessage());
        }
        LOG.warn("ignoring damaged run record {} (it will be run again): {}", p, problem);
        return Optional.empty();
    }

    /** {@link RunRecord#problem} of what a record file held ({@code null} for the JSON {@code null}). */
    private static String problem(RunRecord r, String runId) {
        return r == null ? "the file holds null" : r.problem(runId);
    }

    private static String firstLine(String message) {
        return org.regstudy.common.JsonErrors.oneLine(message);
    }

    /**
     * Every stored run record, ordered by id, for reading a finished job: a damaged record is a
     * one-line {@link BadInputException} naming the file (resuming instead skips it, see {@link #find}).
     * A missing {@code runs/} directory holds none, like an empty one; a file in its place is refused.
     */
    public List<RunRecord> readAllStrict() {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.exists(runsDir())) {
            // no runs/ at all holds no records, as an empty one does (the readers say which runs lack one)
            return out;
        }
        if (!Files.isDirectory(runsDir())) {
            throw new BadInputException(runsDir() + ": not a directory; the run records belong in it");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runsDir(), "*.json")) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                if (Files.size(f) > MAX_RECORD_BYTES) {
                    throw new BadInputException(f + ": run record is " + Files.size(f) + " bytes, over the "
                            + MAX_RECORD_BYTES + "-byte limit");
                }
                try {
                    RunRecord r = ResultJson.mapper().readValue(f.toFile(), RunRecord.class);
                    String name = f.getFileName().toString();
                    String problem = problem(r, name.substring(0, name.length() - ".json".length()));
                    if (problem != null) {
                        throw new BadInputException(f + ": damaged run record (" + problem + "); restore it, or resume"
                                + " the job with --resume to run it again");
                    }
                    out.add(r);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    var loc = e.getLocation();
                    throw new BadInputException(f + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                            + ": damaged run record (" + firstLine(e.getOriginalMessage()) + ")");
                }
            }
        } catch (IOException e) {
            throw new BadInputException(runsDir() + ": cannot read run records: " + e.getMessage());
        }
        out.sort(Comparator.comparing(RunRecord::id));
        return out;
    }

    /** Every stored run record, ordered by id; damaged ones are skipped (they are run again on resume). */
    public List<RunRecord> readAll() {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.isDirectory(runsDir())) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runsDir(), "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                find(name.substring(0, name.length() - 5)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(RunRecord::id));
        return out;
    }

    /** Writes a run's record atomically. */
    public void write(RunRecord record) {
        writeJson(recordPath(record.id()), record);
    }

    /** Writes any value as JSON atomically to {@code name} inside the directory. */
    public void writeJson(String name, Object value) {
        writeJson(dir.resolve(name), value);
    }

    private void writeJson(Path path, Object value) {
        try {
            AtomicFiles.writeString(path, ResultJson.mapper().writeValueAsString(value));
        } catch (UncheckedIOException e) {
            throw new BadInputException(path + ": cannot write (" + AtomicFiles.reason(e.getCause())
                    + "); the result directory must be writable, and its files regular files", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes text atomically to {@code name} inside the directory. */
    public void writeText(String name, String text) {
        AtomicFiles.writeString(dir.resolve(name), text);
    }

    /** Name of a finished job's summary inside its directory. */
    public static final String SUMMARY_FILE = "summary.json";

    /** The files a job writes at the top of its directory (runs/ holds the rest). */
    private static final java.util.Set<String> JOB_FILES = java.util.Set.of("job.json", "spec.json", "network.json",
            SUMMARY_FILE, "runs.csv", "epochs.csv", ".lock", "report.html");

    /**
     * Whether {@code relative} (a path inside a result directory) names a file the job wrote or
     * reads: job.json, spec.json, network.json, summary.json, runs.csv, epochs.csv, .lock,
     * report.html, or anything under runs/. Other files there are the user's.
     */
    public static boolean isJobFile(Path relative) {
        if (relative.getNameCount() == 0) {
            return false;
        }
        return relative.getName(0).toString().equals("runs")
                || (relative.getNameCount() == 1 && JOB_FILES.contains(relative.toString()));
    }

    /** Whether a running job (in this or another process) holds {@code dir}'s lock; false when it cannot tell. */
    static boolean lockedByARunningJob(Path dir) {
        Path lockFile = dir.resolve(".lock");
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = channel.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The finished job's {@code summary.json}, checked once for every reader ({@code results},
     * {@code report}).
     *
     * @throws BadInputException one line naming the directory when the job has not finished (no
     *     summary), or naming the file (and the field, see {@link StudySummary#problem}) when it is
     *     too large, unreadable or not a consistent RegStudy summary
     */
    public StudySummary readSummary() {
        Path p = dir.resolve(SUMMARY_FILE);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(dir + ": " + job.kind() + " not finished (no " + SUMMARY_FILE + "); "
                    + (lockedByARunningJob(dir) ? "it is running now: wait for it to end" : "resume it with --resume"));
        }
        try {
            if (Files.size(p) > MAX_RECORD_BYTES) {
                throw new BadInputException(p + ": " + Files.size(p) + " bytes, over the " + MAX_RECORD_BYTES
                        + "-byte limit for a result file");
            }
        } catch (IOException e) {
            throw new BadInputException(p + ": cannot read (" + AtomicFiles.reason(e) + ")");
        }
        StudySummary summary = readJson(SUMMARY_FILE, StudySummary.class).orElseThrow();
        String problem = summary.problem();
        if (problem != null) {
            throw new BadInputException(p + ": " + problem + "; not a consistent RegStudy summary (restore it from a copy"
                    + " of the result directory)");
        }
        return summary;
    }

    /** Reads {@code name} inside the directory as JSON of {@code type}, if present. */
    public <T> Optional<T> readJson(String name, Class<T> type) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            T value = ResultJson.mapper().readValue(p.toFile(), type);
            if (value == null) {
                throw new BadInputException(p + ": holds null, not a JSON object");
            }
            return Optional.of(value);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // a value of the wrong type or shape: name the field by its JSON path
            var loc = e.getLocation();
            String field = jsonPath(e.getPath());
            throw new BadInputException(p + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()) + ": "
                    + (field.isEmpty() ? "" : field + ": ") + "unreadable (" + simpleNames(firstLine(e.getOriginalMessage())) + ")");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(p + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new BadInputException(p + ": unreadable: " + firstLine(e.getMessage()));
        }
    }

    /** {@code candidates[0].point}: the JSON path of a Jackson error, as the spec errors write paths. */
    private static String jsonPath(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (var ref : path) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Jackson names types by their Java class; keep the simple names ({@code CandidateSummary}, not the package). */
    private static String simpleNames(String message) {
        return message.replaceAll("\\b(?:[a-z_]\\w*\\.)+(?:\\w+\\$)*([A-Z]\\w*)", "$1");
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing lock of {}", dir, e);
        }
    }
}
