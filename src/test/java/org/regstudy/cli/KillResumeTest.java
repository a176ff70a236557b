package org.regstudy.cli;

import org.regstudy.search.ResultFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study or search JVM killed with SIGKILL mid-way leaves only whole files, and {@code --resume}
 * finishes it without losing or repeating a run, with the summary of an uninterrupted job. A Ctrl-C
 * (SIGINT) stops after the runs in flight with exit code 130 and a resumable directory.
 * The jobs run as real child JVMs ({@code java -cp <this JVM's class path> org.regstudy.cli.Main}).
 */
class KillResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRIS = Path.of("data/iris.csv").toAbsolutePath().toString().replace('\\', '/');

    /** Iris, 4 strengths + baseline, 2 repeats: 10 runs of about a second each (300 full-batch epochs). */
    static final String STUDY = """
            name: kill-study
            data:
              file: %s
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 32, activation: relu}
              updater: {kind: adam, learningRate: 0.01}
            training: {epochs: 300, batchSize: 0, recordEvery: 20}
            penalty:
              kind: l2
              strengths: [0.0001, 0.001, 0.01, 0.1]
            repeats: 2
            seed: 3
            concurrency: 2
            keepModels: none
            """.formatted(IRIS);

    /** The same setting as a grid search over one shared L2 strength: 4 grid points + base, 2 repeats. */
    static final String SEARCH = """
            name: kill-search
            data:
              file: %s
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 32, activation: relu}
              updater: {kind: adam, learningRate: 0.01}
            training: {epochs: 300, batchSize: 0, recordEvery: 20}
            penalty:
              kind: l2
            search:
              method: grid
              strengthRange: {min: 0.0001, max: 0.1}
              gridPoints: 4
            repeats: 2
            seed: 3
            concurrency: 2
            keepModels: none
            """.formatted(IRIS);

    @TempDir
    Path tmp;

    @Test
    void sigkilledStudyResumesWithoutLosingOrRepeatingRuns() throws Exception {
        killResumeAndCompare("study", STUDY, 5 * 2);
    }

    @Test
    void sigkilledSearchResumesWithTheSameCandidateIds() throws Exception {
        // 4 grid points (1e-4, 1e-3, 1e-2, 1e-1) + the baseline "base", 2 repeats each
        killResumeAndCompare("search", SEARCH, 5 * 2);
    }

    @Test
    void ctrlCStopsWithExit130AndAResumableDirectory() throws Exception {
        Path spec = tmp.resolve("study.yaml");
        Files.writeString(spec, STUDY);
        Path dir = tmp.resolve("int");
        Process p = start("study", spec, dir);
        waitForRuns(p, dir, 1);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the study stops after the runs in flight");
        String err = Files.readString(tmp.resolve("int.err"));
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("--resume"), err);
        assertFalse(Files.exists(dir.resolve("summary.json")), "stopped before the end: no summary");
        assertAllJsonParses(dir);
        int stored = runRecords(dir).size();
        assertTrue(stored >= 1 && stored < 10, "stored " + stored);
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", dir.toString(), "--resume", "--no-report");
        assertEquals(0, r.code(), r.err());
        assertEquals(10, runRecords(dir).size());
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
    }

    private void killResumeAndCompare(String kind, String specText, int total) throws Exception {
        Path spec = tmp.resolve(kind + ".yaml");
        Files.writeString(spec, specText);
        Path dir = tmp.resolve("killed");
        Process p = start(kind, spec, dir);
        waitForRuns(p, dir, 2);
        p.destroyForcibly();   // SIGKILL on Linux: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(p.isAlive());
        // 128 + 9: killed by SIGKILL (had it finished by itself the code would be 0)
        assertEquals(137, p.exitValue(), Files.readString(tmp.resolve("killed.err")));
        assertFalse(Files.exists(dir.resolve("summary.json")), "killed before the end");

        // Only whole files: every visible *.json parses; temporary files are hidden (.*.tmp).
        assertAllJsonParses(dir);
        Map<String, byte[]> before = runRecords(dir);
        assertTrue(before.size() >= 2 && before.size() < total, "stored before the kill: " + before.keySet());

        // What a kill in the middle of a write leaves (AtomicFiles' temporary name): half a record.
        Path halfWritten = dir.resolve("runs").resolve(".zz-r0.json.12345.tmp");
        Files.writeString(halfWritten, "{\"schemaVersion\": 1, \"id\": \"zz-r");

        CliRun.Result resumed = CliRun.run(kind, spec.toString(), "--out", dir.toString(), "--resume", "--no-report");
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, byte[]> after = runRecords(dir);
        assertEquals(total, after.size(), "every run once: " + after.keySet());
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was rewritten by the resume");
        }
        // the progress on stderr says which runs were taken from the directory
        long resumedLines = resumed.err().lines().filter(l -> l.contains(" resumed ")).count();
        assertEquals(before.size(), resumedLines, resumed.err());

        Path fresh = tmp.resolve("fresh");
        CliRun.Result uninterrupted = CliRun.run(kind, spec.toString(), "--out", fresh.toString(), "--no-report");
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        assertEquals(runRecords(fresh).keySet(), after.keySet(), "same run ids (the search regenerates the same candidates)");
        assertEquals(ResultFiles.withoutTimings(fresh.resolve("summary.json")), ResultFiles.withoutTimings(dir.resolve("summary.json")));
        assertEquals(Files.readAllLines(fresh.resolve("epochs.csv")).size(), Files.readAllLines(dir.resolve("epochs.csv")).size());
        if (kind.equals("search")) {
            assertTrue(after.containsKey("base-r0.json") && after.containsKey("c0003-r1.json"), after.keySet().toString());
        }
    }

    /**
     * Starts {@code regstudy KIND SPEC --out DIR} as a child JVM with this JVM's class path and the
     * launcher's settings. A process started in the background by a non-interactive shell inherits
     * SIGINT as ignored, and the JVM then never sees a Ctrl-C; GNU env's {@code --default-signal=INT}
     * restores the default disposition for the child, so the Ctrl-C test does not depend on how the
     * test run itself was started.
     */
    private Process start(String kind, Path spec, Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (ENV_RESETS_SIGINT) {
            cmd.addAll(List.of("env", "--default-signal=INT"));
        }
        // Main applies RegStudy's ND4J settings itself (Nd4jSetup), as with the launcher
        cmd.addAll(List.of(java, "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.regstudy.cli.Main", kind, spec.toString(),
                "--out", dir.toString(), "--no-report"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(tmp.resolve(dir.getFileName() + ".out").toFile());
        pb.redirectError(tmp.resolve(dir.getFileName() + ".err").toFile());
        return pb.start();
    }

    /** Whether {@code env --default-signal=INT} works here (GNU coreutils 8.31 or later). */
    private static final boolean ENV_RESETS_SIGINT = envResetsSigint();

    private static boolean envResetsSigint() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls until at least {@code n} run records exist; fails if the child ends first. */
    private void waitForRuns(Process p, Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("child ended early with " + p.exitValue() + ": "
                        + Files.readString(tmp.resolve(dir.getFileName() + ".err")));
            }
            if (Files.isDirectory(dir.resolve("runs")) && runRecords(dir).size() >= n) {
                return;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("no " + n + " runs within 120 s");
    }

    /** The visible run records by file name, as bytes. */
    private static Map<String, byte[]> runRecords(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    out.put(name, Files.readAllBytes(f));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return out;
        }
        return out;
    }

    /** Every visible *.json below {@code dir} parses as JSON (no half-written file). */
    private static void assertAllJsonParses(Path dir) throws IOException {
        TreeSet<String> checked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    JSON.readTree(f.toFile());
                    checked.add(dir.relativize(f).toString());
                }
            }
        }
        assertTrue(checked.contains("job.json") && checked.contains("spec.json"), checked.toString());
    }

}
