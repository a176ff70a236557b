package org.regstudy.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers for comparing result files of two runs of the same job. */
public final class ResultFiles {
    private ResultFiles() {
    }

    /** The JSON file without the fields that legitimately differ between two runs (times, machine). */
    public static JsonNode withoutTimings(Path p) throws IOException {
        JsonNode n = ResultJson.mapper().readTree(p.toFile());
        strip(n);
        return n;
    }

    /**
     * Copies the result directory {@code from} to {@code to} (which must not exist), every file but
     * those named {@code skip} (null: none); returns {@code to}.
     */
    public static Path copyDirectory(Path from, Path to, String skip) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals(skip)) {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("startedAt", "millis", "provenance"));
            o.forEach(ResultFiles::strip);
        } else if (n.isArray()) {
            n.forEach(ResultFiles::strip);
        }
    }
}
