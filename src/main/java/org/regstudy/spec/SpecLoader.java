package org.regstudy.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.regstudy.common.BadInputException;
import org.regstudy.common.JsonErrors;

/**
 * Reads a spec file (YAML or JSON, by extension), applies {@code --set path=value} overrides,
 * binds it strictly (unknown fields and wrong types are errors with file, line, column and the
 * field's path) and validates it with {@link SpecValidator}.
 */
public final class SpecLoader {

    /** Specs larger than this are refused: a spec is a page of settings, not data. */
    public static final long MAX_SPEC_BYTES = 1L << 20;

    // One of each, configured once: a new mapper re-learns the spec classes on first use (3-12 ms a
    // study, paid before its first run). Configured mappers are thread-safe for reading and writing.
    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SpecLoader() {
    }

    /**
     * The strict YAML mapper: unknown fields, scalars coerced to lists, trailing tokens all fail.
     * Shared: do not reconfigure it ({@code copy()} first).
     */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** The strict JSON mapper with the same settings, pretty-printing. Shared, as {@link #yaml()}. */
    public static ObjectMapper json() {
        return JSON;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a key written twice in one mapping is a mistake, not "the last one wins"
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // "5" in quotes is text, not a number: no silent coercion of strings to numbers/booleans.
        // Nor is "" (or "  ") an absent value: Jackson's default reads an empty string as null, the
        // field's default (epochs: "" ran 100 epochs, --set seed= the default seed).
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setAcceptBlankAsEmpty(false);
        }
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    /** Loads, overrides and validates the spec at {@code file}. */
    public static StudySpec load(Path file, List<String> overrides) {
        String text = read(file);
        ObjectMapper mapper = mapperFor(file);
        String where = file.toString();
        // First bind the file as written, so type errors point at a line and column.
        StudySpec spec = bind(mapper, where, text, () -> mapper.readValue(text, StudySpec.class));
        if (overrides != null && !overrides.isEmpty()) {
            JsonNode tree = bind(mapper, where, text, () -> mapper.readTree(text));
            if (!(tree instanceof ObjectNode root)) {
                throw new BadInputException(where + ": the spec must be a mapping of sections (data, network, ...)");
            }
            for (String o : overrides) {
                applyOverride(root, o);
            }
            spec = bind(mapper, where + " (after --set)", null, () -> mapper.treeToValue(root, StudySpec.class));
        }
        // a value a --set gave is not the file's: say the spec was checked with the overrides applied
        SpecValidator.validate(spec, overrides == null || overrides.isEmpty() ? where : where + " (after --set)");
        return spec;
    }

    /** Parses a spec from text, as {@link #load} does for a file (for tests and the Java API). */
    public static StudySpec parse(String text, String where, boolean yamlFormat) {
        ObjectMapper mapper = yamlFormat ? yaml() : json();
        StudySpec spec = bind(mapper, where, text, () -> mapper.readValue(text, StudySpec.class));
        SpecValidator.validate(spec, where);
        return spec;
    }

    static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return json();
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return yaml();
        }
        throw new BadInputException(file + ": unknown spec format; name it .yaml, .yml or .json");
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a directory, expected a spec file (.yaml or .json)");
            }
            long size = Files.size(file);
            if (size > MAX_SPEC_BYTES) {
                throw new BadInputException(file + ": spec is " + size + " bytes, larger than the "
                        + MAX_SPEC_BYTES + "-byte limit");
            }
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new BadInputException(file + ": spec file is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": spec file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file + ": not UTF-8 text; a spec is a YAML or JSON text file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read spec: " + e.getMessage());
        }
    }

    private interface Binding<T> {
        T get() throws IOException;
    }

    private static <T> T bind(ObjectMapper mapper, String where, String text, Binding<T> binding) {
        if (mapper instanceof YAMLMapper) {
            refuseIndentingTabs(where, text);
            refuseLeadingZeros(where, text);
            refuseDeepFlowNesting(where, text);
            refuseAliasesAndSecondDocument(where, text);
        }
        try {
            refuseNulls(mapper, where, text);
            T value = binding.get();
            if (value == null) {
                throw new BadInputException(where + ": spec file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            // Records bind through their constructor, so Jackson reports the end of the enclosing
            // mapping; the line where the unknown key is written is more useful.
            String at = keyLocation(text, String.valueOf(e.getPropertyName()), e.getLocation());
            throw new BadInputException((at == null ? location(where, e) : where + ":" + at + ": ") + path(e)
                    + ": unknown field"
                    + (known.isEmpty() ? "" : " (known here: " + known + ")"));
        } catch (InvalidFormatException e) {
            throw new BadInputException(location(where, e) + path(e) + ": expected " + typeName(e.getTargetType())
                    + ", got '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            throw new BadInputException(location(where, e) + path(e) + ": expected "
                    + typeName(e.getTargetType()) + " here");
        } catch (JsonMappingException e) {
            throw new BadInputException(location(where, e) + path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new BadInputException(location(where, e) + "not valid " + formatName(mapper) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read spec: " + e.getMessage());
        }
    }

    /**
     * A key with no value ({@code seed:}, {@code seed: ~}, {@code seed: null}, JSON {@code null}) is refused
     * with its line, column and field: Jackson binds it as absent, so it ran with the default, which the
     * writer of an empty value rarely means. A spec leaves a key out for its default. Text that does not
     * parse is left to the binding, which names the syntax error.
     */
    private static void refuseNulls(ObjectMapper mapper, String where, String text) {
        if (text == null) {
            return;
        }
        try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(text)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL && p.getParsingContext().getParent() != null) {
                    com.fasterxml.jackson.core.JsonLocation loc = p.currentTokenLocation();
                    throw new BadInputException(where + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": "
                            + dotted(p.getParsingContext().pathAsPointer()) + ": no value (empty or null); give one, or"
                            + " leave the key out for its default");
                }
            }
        } catch (IOException e) {
            // not valid YAML or JSON: the binding says where
        }
    }

    /** "/penalty/strengths/2" as "penalty.strengths[2]". */
    private static String dotted(com.fasterxml.jackson.core.JsonPointer pointer) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonPointer q = pointer; q != null && !q.matches(); q = q.tail()) {
            if (q.getMatchingIndex() >= 0 && sb.length() > 0) {
                sb.append('[').append(q.getMatchingIndex()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(q.getMatchingProperty());
            }
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern LEADING_ZERO = java.util.regex.Pattern.compile(
            "(?:^\\s*-\\s+|:\\s+|[\\[{,]\\s*)([+-]?0[0-9]+)\\s*(?=$|[,}\\]]|#)");

    /**
     * An unquoted whole number with a leading zero is octal in YAML 1.1, which the parser follows
     * ({@code seed: 0100} read as 64, {@code epochs: 010} as 8): refused, with what to write.
     */
    private static void refuseLeadingZeros(String where, String text) {
        if (text == null) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = LEADING_ZERO.matcher(lines[i]);
            if (m.find()) {
                String n = m.group(1);
                String digits = n.replaceFirst("^[+-]", "");
                String octal = digits.matches("[0-7]{1,20}") ? " (" + (n.startsWith("-") ? "-" : "")
                        + Long.parseLong(digits, 8) + ")" : "";
                throw new BadInputException(where + ":" + (i + 1) + ":" + (m.start(1) + 1) + ": " + n
                        + " has a leading zero, which YAML 1.1 reads as octal" + octal + "; write it without the zero"
                        + " (or quote it where text is meant)");
            }
        }
    }

    /** Deepest nesting of YAML flow collections ({@code [..]}, <code>{..}</code>) a spec may have. */
    static final int MAX_FLOW_DEPTH = 64;

    /**
     * Refuses flow collections nested deeper than {@link #MAX_FLOW_DEPTH}, counted on the text (outside
     * quotes and comments) before any YAML parser runs: SnakeYAML's scanner took over a minute on a 1 MiB
     * spec of 500,000 nested lists before refusing it. No spec needs more than a few levels.
     */
    private static void refuseDeepFlowNesting(String where, String text) {
        if (text == null) {
            return;
        }
        int depth = 0;
        int line = 1;
        int column = 0;
        char quote = 0;
        boolean comment = false;
        char previous = '\n';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                comment = false;
                quote = quote == '"' ? quote : 0; // a single-quoted scalar may span lines too, but rarely in a spec
            } else if (comment) {
                // ignored to the end of the line
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && Character.isWhitespace(previous)) {
                comment = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_FLOW_DEPTH) {
                    throw new BadInputException(where + ":" + line + ":" + column + ": lists or mappings nested more than "
                            + MAX_FLOW_DEPTH + " levels deep; a spec needs a few");
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            previous = c;
        }
    }

    /**
     * A YAML alias ({@code *name}, repeating what an anchor {@code &name} marked) reaches the binding
     * as the text {@code name} ("expected a mapping (section) here", wrong about the cause); refused
     * where it is written. And a spec is one YAML document: a second one ('---' and more) is refused
     * where it starts. One pass of SnakeYAML's events finds both (the alias first, wherever it is), and
     * the first syntax error (refused after them: a second document is refused whatever it holds) with
     * the parser's message where it found it: left to the binding, a flow mapping never closed
     * ({@code training: {epochs: 10, batchSize: 4} without its brace) was reported as a wrong value
     * wherever the next lines, read into it, broke the schema.
     */
    private static void refuseAliasesAndSecondDocument(String where, String text) {
        YamlScan scan = scan(text);
        if (scan.alias() != null) {
            org.yaml.snakeyaml.error.Mark at = scan.alias().getStartMark();
            throw new BadInputException(where + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1)
                    + ": YAML alias *" + scan.alias().getAnchor() + " is not supported in a spec; write the value out in full");
        }
        if (scan.secondDocument() != null) {
            org.yaml.snakeyaml.error.Mark at = scan.secondDocument();
            throw new BadInputException(where + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1)
                    + ": a second YAML document; a spec is one document (remove this '---' and what follows,"
                    + " or merge them)");
        }
        if (scan.syntaxError() != null) {
            org.yaml.snakeyaml.error.MarkedYAMLException e = scan.syntaxError();
            org.yaml.snakeyaml.error.Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new BadInputException(where + (at == null ? "" : ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1))
                    + ": not valid YAML: " + JsonErrors.oneLine(e.getMessage()));
        }
    }

    /**
     * What {@link #scan} found: the first alias event, where a second document starts and the first
     * syntax error, each null when there is none.
     */
    private record YamlScan(org.yaml.snakeyaml.events.AliasEvent alias, org.yaml.snakeyaml.error.Mark secondDocument,
                            org.yaml.snakeyaml.error.MarkedYAMLException syntaxError) {
    }

    /**
     * The first alias of {@code text} and the start of its second document, from one pass over its events
     * (up to the first alias, or to where the text stops being valid YAML).
     */
    private static YamlScan scan(String text) {
        if (text == null) {
            return new YamlScan(null, null, null);
        }
        int documents = 0;
        org.yaml.snakeyaml.error.Mark second = null;
        try {
            for (org.yaml.snakeyaml.events.Event event : new org.yaml.snakeyaml.Yaml().parse(new java.io.StringReader(text))) {
                if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
                    return new YamlScan(alias, second, null);
                }
                if (event instanceof org.yaml.snakeyaml.events.DocumentStartEvent && ++documents == 2) {
                    second = event.getStartMark();
                }
            }
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            return new YamlScan(null, second, e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // not valid YAML without a location: the binding reports it
        }
        return new YamlScan(null, second, null);
    }

    /** The first alias event of {@code text}, or null (also when the text is not valid YAML before one). */
    private static org.yaml.snakeyaml.events.AliasEvent firstAlias(String text) {
        return scan(text).alias();
    }

    /**
     * YAML indents with spaces only; the parser's own message for a tab ("while scanning for the
     * next token") names neither the tab nor, under a mapping, its line.
     */
    private static void refuseIndentingTabs(String where, String text) {
        if (text == null) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (int c = 0; c < line.length() && (line.charAt(c) == ' ' || line.charAt(c) == '\t'); c++) {
                if (line.charAt(c) == '\t') {
                    throw new BadInputException(where + ":" + (i + 1) + ":" + (c + 1)
                            + ": a tab in the indentation; YAML indents with spaces");
                }
            }
        }
    }

    /**
     * "line:column" of the key {@code name:} (or {@code "name":}, or inside a flow mapping after
     * {@code {} or {@code ,}) nearest before where Jackson stopped ({@code stop}: the end of the
     * mapping that holds the key, for records; null: search from the end), so that a key written in
     * several sections is found in the right one; null when there is none.
     */
    static String keyLocation(String text, String name, JsonLocation stop) {
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                "(^\\s*(?:-\\s+)?|[{,]\\s*)(\"?)" + java.util.regex.Pattern.quote(name) + "\\2\\s*:");
        int stopLine = stop == null || stop.getLineNr() < 1 ? lines.length : Math.min(stop.getLineNr(), lines.length);
        for (int i = stopLine - 1; i >= 0; i--) {
            // on the line Jackson stopped at, only a key that starts before where it stopped
            int limit = i == stopLine - 1 && stop != null && stop.getColumnNr() > 0 ? stop.getColumnNr() - 1
                    : Integer.MAX_VALUE;
            java.util.regex.Matcher m = key.matcher(lines[i]);
            int found = -1;
            while (m.find() && m.end(1) < limit) {
                found = m.end(1);
            }
            if (found >= 0) {
                return (i + 1) + ":" + (found + 1);
            }
        }
        return null;
    }

    private static String formatName(ObjectMapper mapper) {
        return mapper instanceof YAMLMapper ? "YAML" : "JSON";
    }

    private static String location(String where, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 1) {
            return where + ": ";
        }
        return where + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    /** The field path of a mapping error, as {@code penalty.strengths[2]}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (section)";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String s) {
        return JsonErrors.oneLine(s);
    }

    /**
     * Applies one {@code path=value} override, e.g. {@code training.epochs=5} or
     * {@code penalty.strengths=[0, 1e-3]}; the value is read as YAML, so lists and numbers work.
     */
    static void applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("--set " + override + ": expected path=value, e.g. training.epochs=5");
        }
        String path = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1);
        org.yaml.snakeyaml.events.AliasEvent alias = firstAlias(raw);
        if (alias != null) {
            throw new BadInputException("--set " + path + ": value '" + raw + "' is a YAML alias (*" + alias.getAnchor()
                    + "), which a spec does not support; write the value out (quote it where text is meant)");
        }
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : yaml().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new BadInputException("--set " + path + ": value '" + raw + "' is not valid YAML");
        }
        if (value == null || value.isMissingNode() || value.isNull()) {
            // as in a file: an empty value would bind as absent and run with the default
            throw new BadInputException("--set " + path + ": value '" + raw + "' is null (no value); give one, or drop"
                    + " this --set for the spec's value");
        }
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int bracket = part.indexOf('[');
            String field = bracket < 0 ? part : part.substring(0, bracket);
            if (field.isEmpty() || !field.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new BadInputException("--set " + path + ": '" + part + "' is not a field name");
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new BadInputException("--set " + path + ": '" + field + "' is inside a value that is not a section");
            }
            if (bracket < 0) {
                if (last) {
                    obj.set(field, value);
                } else {
                    JsonNode next = obj.get(field);
                    if (next == null || next.isNull()) {
                        next = obj.putObject(field);
                    }
                    node = next;
                }
            } else {
                int index;
                try {
                    index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    throw new BadInputException("--set " + path + ": bad list index in '" + part + "'");
                }
                JsonNode list = obj.get(field);
                if (!(list instanceof ArrayNode array) || index < 0 || index >= array.size()) {
                    throw new BadInputException("--set " + path + ": " + field + "[" + index + "] does not exist in the spec");
                }
                if (last) {
                    array.set(index, value);
                } else {
                    node = array.get(index);
                }
            }
        }
    }
}
