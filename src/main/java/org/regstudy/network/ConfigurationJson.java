package org.regstudy.network;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.regstudy.common.BadInputException;
import org.regstudy.common.TerminalText;

/**
 * Checks an untrusted DL4J configuration's JSON before DL4J's own Jackson reads it. DL4J names the
 * type of each layer, activation, loss, updater, schedule and regularizer in an {@code "@class"}
 * field, and its Jackson loads and initializes the class it names (running its static initializer)
 * before checking the type fits: a configuration could make it load any class on the class path (a
 * JavaCPP preset that unpacks and loads a native library, say). So every {@code "@class"} must name a
 * class of DL4J's configuration packages, ND4J's linalg packages or RegStudy's; and the nesting is
 * limited (Jackson's default 1000 levels), which DL4J's shaded Jackson does not do (50,000 nested
 * layers overflowed its stack).
 */
public final class ConfigurationJson {
    /** The packages whose classes a configuration's {@code "@class"} may name. */
    public static final List<String> ALLOWED_PACKAGES = List.of("org.deeplearning4j.nn.", "org.nd4j.linalg.",
            "org.regstudy.");

    private static final JsonFactory FACTORY = new JsonFactory();

    private ConfigurationJson() {
    }

    /**
     * Throws {@link BadInputException} ("{@code where}: ...", one line) when {@code json} names a class
     * outside {@link #ALLOWED_PACKAGES} in an {@code "@class"} field, nests deeper than Jackson's
     * limit, or is not JSON.
     */
    public static void check(String json, String where) {
        try (JsonParser p = FACTORY.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && "@class".equals(p.currentName())) {
                    JsonToken v = p.nextToken();
                    String name = v == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(v);
                    if (v != JsonToken.VALUE_STRING || ALLOWED_PACKAGES.stream().noneMatch(name::startsWith)) {
                        throw new BadInputException(where + " (line " + p.currentLocation().getLineNr() + "): \"@class\" "
                                + printable(name) + " is not a DL4J, ND4J or RegStudy class; refused for an untrusted"
                                + " configuration (DL4J would load and initialize it)");
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new BadInputException(where + ": " + org.regstudy.common.JsonErrors.oneLine(e.getOriginalMessage()), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(where + ": not valid JSON: " + org.regstudy.common.JsonErrors.oneLine(
                    e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read the configuration: " + e.getMessage(), e);
        }
    }

    /** {@code s} quoted, at most 120 characters, its non-printable characters escaped ({@link TerminalText#printable}). */
    private static String printable(String s) {
        return "'" + TerminalText.printable(s.length() > 120 ? s.substring(0, 120) : s) + (s.length() > 120 ? "...'" : "'");
    }
}
