package org.regstudy.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The versioned JSON form of inspections:
 * {@code {"schema": "regstudy-inspect", "schemaVersion": 1, "sparsity": {...}, "models": [ModelInspection...]}}.
 * Non-finite numbers (a vector's spectral norm, an unknown coefficient) are written as null.
 */
public final class InspectionJson {

    /** Name of the document's schema. */
    public static final String SCHEMA = "regstudy-inspect";

    private InspectionJson() {
    }

    /** The document written by {@code regstudy inspect --json}. */
    public record Document(String schema, int schemaVersion, SparsityThreshold sparsity, List<ModelInspection> models) {
        public Document {
            models = List.copyOf(models);
        }
    }

    /** A mapper that writes NaN and infinities as null and indents. */
    public static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("regstudy-inspect");
        StdSerializer<Double> finite = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || v.isNaN() || v.isInfinite()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        m.addSerializer(Double.class, finite);
        m.addSerializer(double.class, finite);
        return new ObjectMapper().registerModule(m).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The JSON document of {@code models}. */
    public static String write(List<ModelInspection> models, SparsityThreshold threshold) {
        try {
            return mapper().writeValueAsString(
                    new Document(SCHEMA, ModelInspection.SCHEMA_VERSION, threshold, models));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
