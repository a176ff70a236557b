package org.regstudy.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import org.regstudy.common.AtomicFiles;
import org.regstudy.common.BadInputException;

/**
 * A Jupyter notebook (nbformat 4) for a Java kernel, held as a Jackson tree so that fields this
 * class does not know (cell ids, metadata, attachments, outputs of other kinds) survive a round
 * trip. Instances are immutable: every {@code with*} method returns a new notebook.
 *
 * <p>Written the way Jupyter writes notebooks: one-space indentation, {@code "key": value},
 * multi-line strings as lists of lines that keep their {@code \n}.
 */
public final class Notebook {

    /** Notebooks larger than this (20 MiB) are refused. */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode root;

    private Notebook(ObjectNode root) {
        this.root = root;
    }

    /**
     * An empty notebook with the IJava/JJava kernelspec
     * ({@code {"name":"java","display_name":"Java","language":"java"}}), nbformat 4.5.
     */
    public static Notebook create() {
        ObjectNode root = NODES.objectNode();
        root.putArray("cells");
        ObjectNode meta = root.putObject("metadata");
        ObjectNode ks = meta.putObject("kernelspec");
        ks.put("display_name", "Java");
        ks.put("language", "java");
        ks.put("name", "java");
        ObjectNode li = meta.putObject("language_info");
        li.put("codemirror_mode", "java");
        li.put("file_extension", ".jshell");
        li.put("mimetype", "text/x-java-source");
        li.put("name", "java");
        li.put("pygments_lexer", "java");
        root.put("nbformat", 4);
        root.put("nbformat_minor", 5);
        return new Notebook(root);
    }

    /**
     * Reads and validates a notebook file.
     *
     * @throws BadInputException (one line naming the file) when the file is missing, larger than
     *     {@link #MAX_FILE_BYTES}, not UTF-8, not JSON, or not an nbformat 4 notebook for Java
     */
    public static Notebook read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                throw new BadInputException(name + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(name + ": not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new BadInputException(name + ": file is " + size + " bytes, more than the limit of "
                        + MAX_FILE_BYTES + " bytes (20 MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(name + ": not UTF-8 text", e);
        }
        return parse(text, name);
    }

    /**
     * Parses and validates notebook JSON; {@code where} names the source in error messages.
     *
     * @throws BadInputException when the text is not an nbformat 4 notebook for Java
     */
    public static Notebook parse(String json, String where) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        if (json.length() > MAX_FILE_BYTES) {
            throw new BadInputException(where + ": notebook text is longer than " + MAX_FILE_BYTES + " characters");
        }
        if (json.startsWith("\uFEFF")) { // a UTF-8 byte-order mark, as some editors write (CSV files may have one too)
            json = json.substring(1);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new BadInputException(where + ": invalid JSON" + at + ": " + firstLine(e.getOriginalMessage()), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new BadInputException(where + ": empty file, expected a Jupyter notebook (JSON object)");
        }
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected a JSON object (a Jupyter notebook), found "
                    + node.getNodeType().toString().toLowerCase());
        }
        ObjectNode root = (ObjectNode) node;
        JsonNode nbformat = root.get("nbformat");
        if (nbformat == null) {
            throw new BadInputException(where + ": field nbformat missing; not a Jupyter notebook");
        }
        if (!nbformat.isInt() || nbformat.intValue() != 4) {
            throw new BadInputException(where + ": nbformat is " + nbformat + ", only nbformat 4 is supported");
        }
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new BadInputException(where + ": field cells " + (cells == null ? "missing" : "is not a list"));
        }
        for (int i = 0; i < cells.size(); i++) {
            validateCell(cells.get(i), where + ": cells[" + i + "]");
        }
        JsonNode meta = root.get("metadata");
        if (meta != null && !meta.isObject()) {
            throw new BadInputException(where + ": field metadata is not an object");
        }
        JsonNode lang = root.at("/metadata/kernelspec/language");
        if (lang.isTextual() && !lang.asText().equalsIgnoreCase("java")) {
            throw new BadInputException(where + ": metadata.kernelspec.language is '" + lang.asText()
                    + "', expected 'java' (a notebook for the IJava/JJava kernel)");
        }
        return new Notebook(root.deepCopy());
    }

    private static void validateCell(JsonNode cell, String where) {
        if (!cell.isObject()) {
            throw new BadInputException(where + ": a cell must be a JSON object");
        }
        JsonNode type = cell.get("cell_type");
        if (type == null || !type.isTextual()) {
            throw new BadInputException(where + ": field cell_type missing or not a string");
        }
        String t = type.asText();
        if (!t.equals("code") && !t.equals("markdown") && !t.equals("raw")) {
            throw new BadInputException(where + ": cell_type is '" + t + "', expected code, markdown or raw");
        }
        JsonNode source = cell.get("source");
        if (source == null) {
            throw new BadInputException(where + ": field source missing");
        }
        checkMultiline(source, where + ".source");
        if (t.equals("code")) {
            JsonNode outputs = cell.get("outputs");
            if (outputs != null && !outputs.isArray()) {
                throw new BadInputException(where + ": field outputs is not a list");
            }
            JsonNode count = cell.get("execution_count");
            if (count != null && !count.isNull() && !count.isInt()) {
                throw new BadInputException(where + ": execution_count is " + count + ", expected an integer or null");
            }
        }
    }

    private static void checkMultiline(JsonNode value, String where) {
        if (value.isTextual()) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    throw new BadInputException(where + "[" + i + "]: expected a string, found " + value.get(i));
                }
            }
            return;
        }
        throw new BadInputException(where + ": expected a string or a list of strings");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        int nl = s.indexOf('\n');
        // Jackson appends where a structure began, with its source description: "(start marker at [Source: ...])"
        return (nl < 0 ? s : s.substring(0, nl)).replaceAll("\\s*\\(start marker at \\[Source:.*$", "").strip();
    }

    /** Joins an nbformat multi-line value (a string or a list of lines). */
    static String joinMultiline(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode line : value) {
            sb.append(line.asText());
        }
        return sb.toString();
    }

    /** Splits text into nbformat's list of lines, each but the last keeping its {@code \n}. */
    static ArrayNode splitLines(String text) {
        ArrayNode lines = NODES.arrayNode();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** The number of cells (all kinds). */
    public int cellCount() {
        return cells().size();
    }

    /** The type of cell {@code index}: code, markdown or raw. */
    public String cellType(int index) {
        return cell(index).get("cell_type").asText();
    }

    /** The source of cell {@code index}. */
    public String cellSource(int index) {
        return joinMultiline(cell(index).get("source"));
    }

    /** The code cells in order, numbered from 1. */
    public List<CodeCell> codeCells() {
        List<CodeCell> out = new ArrayList<>();
        ArrayNode cells = cells();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode c = cells.get(i);
            if ("code".equals(c.get("cell_type").asText())) {
                out.add(new CodeCell(out.size() + 1, i, joinMultiline(c.get("source"))));
            }
        }
        return List.copyOf(out);
    }

    /** The execution count of code cell {@code index}, empty when null or absent. */
    public OptionalInt executionCount(int index) {
        JsonNode n = codeCell(index).get("execution_count");
        return n == null || !n.isInt() ? OptionalInt.empty() : OptionalInt.of(n.intValue());
    }

    /**
     * The outputs of code cell {@code index} of the kinds {@link CellOutput} models; outputs of
     * other kinds (for example {@code text/html} only) are skipped here but kept in the file.
     */
    public List<CellOutput> outputs(int index) {
        JsonNode outputs = codeCell(index).get("outputs");
        List<CellOutput> out = new ArrayList<>();
        if (outputs == null) {
            return out;
        }
        for (JsonNode o : outputs) {
            String type = o.path("output_type").asText();
            switch (type) {
                case "stream" -> out.add(new CellOutput.Stream(o.path("name").asText("stdout").equals("stderr")
                        ? "stderr" : "stdout", joinMultiline(o.get("text"))));
                case "display_data" -> {
                    JsonNode data = o.path("data");
                    JsonNode png = data.get("image/png");
                    byte[] bytes = png == null ? null
                            : Base64.getMimeDecoder().decode(joinMultiline(png).strip());
                    if (bytes != null || data.has("text/plain")) {
                        out.add(new CellOutput.DisplayData(bytes, joinMultiline(data.get("text/plain"))));
                    }
                }
                case "execute_result" -> {
                    JsonNode count = o.get("execution_count");
                    out.add(new CellOutput.ExecuteResult(count != null && count.isInt() ? count.intValue() : 1,
                            joinMultiline(o.path("data").get("text/plain"))));
                }
                case "error" -> {
                    List<String> tb = new ArrayList<>();
                    o.path("traceback").forEach(t -> tb.add(t.asText()));
                    out.add(new CellOutput.Error(o.path("ename").asText(), o.path("evalue").asText(), tb));
                }
                default -> {
                    // kept in the file, not modelled
                }
            }
        }
        return out;
    }

    /** This notebook with one more markdown cell at the end. */
    public Notebook withMarkdownCell(String source) {
        return withCell("markdown", source);
    }

    /** This notebook with one more (not yet executed) code cell at the end. */
    public Notebook withCodeCell(String source) {
        return withCell("code", source);
    }

    private Notebook withCell(String type, String source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        ObjectNode copy = root.deepCopy();
        ArrayNode cells = (ArrayNode) copy.get("cells");
        ObjectNode cell = NODES.objectNode();
        cell.put("cell_type", type);
        if (type.equals("code")) {
            cell.putNull("execution_count");
        }
        if (copy.path("nbformat_minor").asInt(0) >= 5) {
            cell.put("id", "cell-" + (cells.size() + 1));
        }
        cell.putObject("metadata");
        if (type.equals("code")) {
            cell.putArray("outputs");
        }
        cell.set("source", splitLines(source));
        cells.add(cell);
        return new Notebook(copy);
    }

    /** This notebook with every code cell's outputs emptied and execution count set to null. */
    public Notebook withoutOutputs() {
        ObjectNode copy = root.deepCopy();
        for (JsonNode c : copy.get("cells")) {
            if ("code".equals(c.get("cell_type").asText())) {
                ((ObjectNode) c).putNull("execution_count");
                ((ObjectNode) c).putArray("outputs");
            }
        }
        return new Notebook(copy);
    }

    /**
     * This notebook with code cell {@code index} given an execution count (null for none) and
     * outputs (replacing the old ones).
     */
    public Notebook withOutputs(int index, Integer executionCount, List<CellOutput> outputs) {
        codeCell(index);
        if (outputs == null) {
            throw new IllegalArgumentException("outputs must not be null");
        }
        ObjectNode copy = root.deepCopy();
        ObjectNode cell = (ObjectNode) copy.get("cells").get(index);
        if (executionCount == null) {
            cell.putNull("execution_count");
        } else {
            cell.put("execution_count", executionCount);
        }
        ArrayNode arr = cell.putArray("outputs");
        for (CellOutput o : outputs) {
            arr.add(toJson(o));
        }
        return new Notebook(copy);
    }

    static ObjectNode toJson(CellOutput output) {
        ObjectNode o = NODES.objectNode();
        if (output instanceof CellOutput.Stream s) {
                o.put("name", s.name());
                o.put("output_type", "stream");
                o.set("text", splitLines(s.text()));
        } else if (output instanceof CellOutput.DisplayData d) {
                ObjectNode data = o.putObject("data");
                if (d.png() != null) {
                    data.put("image/png", d.pngBase64());
                }
                data.set("text/plain", splitLines(d.text()));
                o.putObject("metadata");
                o.put("output_type", "display_data");
        } else if (output instanceof CellOutput.ExecuteResult r) {
                ObjectNode data = o.putObject("data");
                data.set("text/plain", splitLines(r.text()));
                o.put("execution_count", r.executionCount());
                o.putObject("metadata");
                o.put("output_type", "execute_result");
        } else if (output instanceof CellOutput.Error e) {
                o.put("ename", e.ename());
                o.put("evalue", e.evalue());
                o.put("output_type", "error");
                ArrayNode tb = o.putArray("traceback");
                e.traceback().forEach(tb::add);
        } else {
            throw new IllegalArgumentException("unknown output " + output);
        }
        return o;
    }

    /** A deep copy of the notebook's JSON tree. */
    public ObjectNode json() {
        return root.deepCopy();
    }

    /** The notebook as JSON text, formatted the way Jupyter writes it, ending with a newline. */
    public String toJson() {
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(seps)
                .withObjectIndenter(indenter);
        pp.indentArraysWith(indenter);
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the notebook to {@code file} atomically (temporary file, then rename). */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    private ArrayNode cells() {
        return (ArrayNode) root.get("cells");
    }

    private JsonNode cell(int index) {
        ArrayNode cells = cells();
        if (index < 0 || index >= cells.size()) {
            throw new IllegalArgumentException("index must be in [0, " + cells.size() + "), got " + index);
        }
        return cells.get(index);
    }

    private JsonNode codeCell(int index) {
        JsonNode c = cell(index);
        if (!"code".equals(c.get("cell_type").asText())) {
            throw new IllegalArgumentException("index " + index + " is a " + c.get("cell_type").asText()
                    + " cell, not a code cell");
        }
        return c;
    }
}
