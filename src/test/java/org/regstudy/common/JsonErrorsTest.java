package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The parsers' own messages (from real parses) as the one line a user reads. */
class JsonErrorsTest {

    private static String message(ObjectMapper m, String text) {
        try {
            m.readTree(text);
            throw new AssertionError("parsed: " + text);
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
    }

    @Test
    void yamlKeepsItsDescriptionLinesAndWhereTheStructureBegan() {
        // an unclosed flow mapping opened at line 2, column 8: SnakeYAML's message has two marks and a snippet
        String text = "name: x\nsplit: {validation: 0.2, test: 0.1\n";
        assertEquals("while parsing a flow mapping (from line 2, column 8): expected ',' or '}', but got <stream end>",
                JsonErrors.oneLine(message(new YAMLMapper(), text)));
        assertEquals("mapping values are not allowed here", JsonErrors.oneLine(message(new YAMLMapper(), "a: b: c\n")));
    }

    @Test
    void jsonSourceReferencesBecomeLineAndColumn() {
        // Jackson: "... (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"
        assertEquals("Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)",
                JsonErrors.oneLine(message(new ObjectMapper(), "{\"a\": 1\n")));
        assertEquals("", JsonErrors.oneLine(null));
    }
}
