package org.regstudy.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("startedAt", "millis", "provenance"));
            o.forEach(ResultFiles::strip);
        } else if (n.isArray()) {
            n.forEach(ResultFiles::strip);
        }
    }
}
