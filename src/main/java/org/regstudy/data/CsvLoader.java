package org.regstudy.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regstudy.common.BadInputException;

/**
 * Loads a numeric CSV table into a {@link Dataset}, validating every field.
 *
 * <p>Format: comma-separated, UTF-8 (a leading byte-order mark is skipped), one record per line
 * (fields may be double-quoted, without line breaks inside), an optional header line, blank lines
 * only at the end. Feature fields are finite decimal numbers ({@code 1}, {@code -0.5},
 * {@code 2.5e-3}); they are stored as {@code float}. Classification labels are non-negative
 * integers (used as class indices, {@code k = max + 1} classes unless
 * {@link CsvOptions#numClasses()} is given) or, when the first data row's label is not a number,
 * strings (classes are the distinct strings in sorted order; {@link Dataset#classNames()} records
 * the mapping). Regression targets are finite numbers.
 *
 * <p>Every problem is a {@link BadInputException} with one line {@code FILE:LINE:COL: message}
 * (line and column 1-based; the column is the character position where the field starts) that
 * quotes the offending value. Nothing is returned after an error, so no half-loaded data can
 * enter a study.
 *
 * <p>Streaming: the file is read once through a {@link BufferedReader}; values go into float
 * chunks of 1 Mi values (4 bytes per value on the heap) and then into the ND4J array, so a file
 * is never held as a {@code String} or as a list of string rows. The SHA-256 of the bytes is
 * computed during the same pass.
 */
public final class CsvLoader {
    /** Largest number of classes accepted (integer labels above this are "out of range"). */
    public static final int MAX_CLASSES = 10_000;
    /** Longest line accepted, in characters. */
    public static final int MAX_LINE_CHARS = 4 << 20;
    /** Most columns accepted. */
    public static final int MAX_COLUMNS = 1_000_000;

    private CsvLoader() {
    }

    /**
     * Loads {@code file} as a table dataset named after the file (without {@code .csv}).
     *
     * @throws BadInputException on any problem with the file, as {@code FILE:LINE:COL: message}
     */
    public static Dataset load(Path file, CsvOptions options) {
        Parsed p = parse(file, options, false);
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        INDArray labels;
        if (options.task() == TaskType.CLASSIFICATION) {
            labels = Nd4j.create(DataType.FLOAT, p.rows, p.classNames.size());
            for (int i = 0; i < p.rows; i++) {
                labels.putScalar(i, p.classIds[i], 1.0f);
            }
        } else {
            labels = Nd4j.createFromArray(java.util.Arrays.copyOf(p.targets, p.rows)).reshape(p.rows, 1);
        }
        return new Dataset(name, p.features, labels, options.task(), p.featureNames, p.classNames, p.fingerprint);
    }

    /** The result of one parse: features as a FLOAT {@code [rows, f]} array, labels as ids or targets. */
    static final class Parsed {
        Path file;
        int rows;
        INDArray features;
        List<String> featureNames;
        int[] classIds;
        List<String> classNames;
        float[] targets;
        Fingerprint fingerprint;
        /** Column index of the label in the file, or -1. */
        int labelIndex;
        /** Line number of data row 0 (1-based). */
        int firstDataLine;
        /** 1-based start column of each field in the first data line (for error positions). */
        int[] firstDataColumns;
    }

    /** Refuses a label name that two header columns share ({@code index} is its first). */
    static void refuseAmbiguousLabel(Path file, long line, List<String> names, String label, int index) {
        int again = names.lastIndexOf(label);
        if (again != index) {
            throw error(file, line, 1, "the label '" + label + "' names two columns of the header (index "
                    + index + " and " + again + "); give the label's index instead");
        }
    }

    /** Position-aware error. */
    static BadInputException error(Path file, long line, int col, String message) {
        return new BadInputException(file + ":" + line + ":" + col + ": " + message);
    }

    /**
     * Parses {@code file}. With {@code noLabel}, every column is a feature (used by
     * {@link SequenceLoader} for a bare series); otherwise the label column is validated per
     * {@code options.task()}.
     */
    static Parsed parse(Path file, CsvOptions options, boolean noLabel) {
        if (!Files.exists(file)) {
            throw error(file, 1, 1, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw error(file, 1, 1, "is a directory, not a CSV file");
        }
        MessageDigest digest = Fingerprint.newDigest();
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(raw, digest);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                     StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                             .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            Parsed p = new Reader(file, options, noLabel, reader).run();
            // drain whatever the reader did not consume so the hash covers the whole file
            byte[] skip = new byte[1 << 16];
            while (in.read(skip) >= 0) {
                // hashing
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            p.fingerprint = new Fingerprint(sha, "file=" + file.getFileName() + " " + (noLabel ? "label=none header=" + options.header() : options.describe()));
            return p;
        } catch (NoSuchFileException e) {
            throw error(file, 1, 1, "no such file");
        } catch (CharacterCodingException e) {
            throw error(file, 1, 1, "not UTF-8 text: " + e.getMessage());
        } catch (IOException e) {
            throw error(file, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    /** One pass over the lines. */
    private static final class Reader {
        private final Path file;
        private final CsvOptions options;
        private final boolean noLabel;
        private final BoundedLineReader lines;
        private final boolean classification;

        private long lineNo;
        private final List<String> fields = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();

        private int columns = -1;
        private int labelIndex = -1;
        private int numFeatures;
        private List<String> columnNames;

        // growable storage
        private final List<float[]> chunks = new ArrayList<>();
        private float[] chunk;
        private int chunkFill;
        private int chunkRows;
        private int rows;
        private int[] ids = new int[1024];
        private float[] targets = new float[1024];
        private Boolean stringLabels;
        /** Header AUTO found none: the first row is data only because its features are numbers. */
        private boolean firstRowMayBeHeader;
        private final Map<String, Integer> labelIdsByFirstSeen = new HashMap<>();
        private final List<String> labelsInFirstSeenOrder = new ArrayList<>();
        private int maxLabel = -1;
        private long firstDataLine;
        private int[] firstDataColumns;
        private long pendingBlankLine = -1;

        Reader(Path file, CsvOptions options, boolean noLabel, BufferedReader in) {
            this.file = file;
            this.options = options;
            this.noLabel = noLabel;
            this.lines = new BoundedLineReader(in, MAX_LINE_CHARS);
            this.classification = !noLabel && options.task() == TaskType.CLASSIFICATION;
        }

        Parsed run() throws IOException {
            String line = nextLine();
            if (line == null) {
                throw error(file, 1, 1, "file is empty: expected a header or data rows");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            split(line);
            columns = fields.size();
            if (columns < (noLabel ? 1 : 2)) {
                throw error(file, lineNo, 1, noLabel ? "no columns" : "only " + columns
                        + " column; a table needs at least one feature column and a label column");
            }
            if (columns > MAX_COLUMNS) {
                throw error(file, lineNo, 1, columns + " columns, more than the limit " + MAX_COLUMNS);
            }
            String labelSpec = options.labelColumn();
            boolean nameLabel = !noLabel && labelSpec != null && !CsvOptions.isIndex(labelSpec);
            if (!noLabel) {
                if (labelSpec == null) {
                    labelIndex = columns - 1;
                } else if (!nameLabel) {
                    long idx = Long.parseLong(labelSpec.length() > 9 ? "999999999" : labelSpec);
                    if (idx >= columns) {
                        throw error(file, lineNo, 1, "label column index " + labelSpec + " out of range: the file has "
                                + columns + " columns (indices 0-" + (columns - 1) + ")");
                    }
                    labelIndex = (int) idx;
                }
            }
            boolean header;
            switch (options.header()) {
                case PRESENT -> header = true;
                case ABSENT -> header = false;
                default -> {
                    header = nameLabel || looksLikeHeader();
                    firstRowMayBeHeader = !header;
                }
            }
            if (header) {
                columnNames = new ArrayList<>(fields);
                for (int c = 0; c < columns; c++) {
                    if (columnNames.get(c).isEmpty()) {
                        columnNames.set(c, "col" + c);
                    }
                }
                if (nameLabel) {
                    labelIndex = columnNames.indexOf(labelSpec);
                    if (labelIndex < 0) {
                        throw error(file, lineNo, 1, "no column named '" + labelSpec + "' in the header " + abbreviate(String.join(",", columnNames)));
                    }
                    refuseAmbiguousLabel(file, lineNo, columnNames, labelSpec, labelIndex);
                }
                line = nextLine();
                if (line == null) {
                    throw error(file, lineNo + 1, 1, "header only: no data rows after the header");
                }
                split(line);
            } else {
                columnNames = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    columnNames.add("col" + c);
                }
            }
            numFeatures = columns - (labelIndex >= 0 ? 1 : 0);
            firstDataLine = lineNo;
            firstDataColumns = starts.stream().mapToInt(Integer::intValue).toArray();
            chunkRows = Math.max(1, (1 << 20) / numFeatures);
            while (true) {
                row();
                line = nextLine();
                if (line == null) {
                    break;
                }
                split(line);
            }
            return finish();
        }

        /** The next non-blank line, or null at the end; a blank line followed by data is an error. */
        private String nextLine() throws IOException {
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (BoundedLineReader.LineTooLongException e) {
                    throw error(file, lineNo + 1, 1, "line longer than " + MAX_LINE_CHARS + " characters");
                }
                if (line == null) {
                    return null;
                }
                lineNo++;
                if (line.isBlank()) {
                    if (pendingBlankLine < 0) {
                        pendingBlankLine = lineNo;
                    }
                    continue;
                }
                if (pendingBlankLine >= 0) {
                    throw error(file, pendingBlankLine, 1, "blank line between records (blank lines are allowed only at the end)");
                }
                return line;
            }
        }

        /** Splits a line into {@link #fields} with their 1-based start columns. */
        private void split(String line) {
            fields.clear();
            starts.clear();
            int i = 0;
            int n = line.length();
            StringBuilder sb = new StringBuilder();
            while (true) {
                int start = i;
                sb.setLength(0);
                // skip leading spaces before a quote
                int j = i;
                while (j < n && line.charAt(j) == ' ') {
                    j++;
                }
                if (j < n && line.charAt(j) == '"') {
                    j++;
                    boolean closed = false;
                    while (j < n) {
                        char ch = line.charAt(j);
                        if (ch == '"') {
                            if (j + 1 < n && line.charAt(j + 1) == '"') {
                                sb.append('"');
                                j += 2;
                                continue;
                            }
                            closed = true;
                            j++;
                            break;
                        }
                        sb.append(ch);
                        j++;
                    }
                    if (!closed) {
                        throw error(file, lineNo, start + 1, "unterminated quoted field (quoted fields cannot span lines)");
                    }
                    while (j < n && line.charAt(j) == ' ') {
                        j++;
                    }
                    if (j < n && line.charAt(j) != ',') {
                        throw error(file, lineNo, j + 1, "unexpected '" + line.charAt(j) + "' after a quoted field");
                    }
                    i = j;
                } else {
                    int comma = line.indexOf(',', i);
                    int end = comma < 0 ? n : comma;
                    sb.append(line, i, end);
                    i = end;
                }
                fields.add(sb.toString().strip());
                starts.add(start + 1);
                if (fields.size() > MAX_COLUMNS) {
                    throw error(file, lineNo, start + 1, "more than " + MAX_COLUMNS + " fields");
                }
                if (i >= n) {
                    break;
                }
                i++; // skip the comma
            }
        }

        /**
         * A header whose feature columns are numbers ({@code 2019,2020,label}) passes for a data row;
         * its label would then be a class of one row among labels that are all numbers. Refused, with
         * what to say instead.
         */
        private void refuseNumericHeader(int[] idsByFirstSeen) {
            if (!firstRowMayBeHeader || rows < 2) {
                return;
            }
            for (int i = 1; i < rows; i++) {
                if (idsByFirstSeen[i] == 0) {
                    return;
                }
            }
            for (int i = 1; i < labelsInFirstSeenOrder.size(); i++) {
                String l = labelsInFirstSeenOrder.get(i);
                if (!isNumber(l) || isNonFiniteWord(l)) {
                    return;
                }
            }
            String first = labelsInFirstSeenOrder.get(0);
            throw error(file, 1, 1, "line 1 looks like a header with numbers for column names: its label '"
                    + abbreviate(first) + "' is text and every other row's label a number; say header: present"
                    + " (--header), or header: absent (--no-header) if '" + abbreviate(first) + "' is a class");
        }

        /**
         * Whether line 1 is a header: a non-label field in it is text. A field made of a number's
         * characters that does not parse ({@code E1}, {@code 2019-01}) is a name when no field parses,
         * but next to numbers it may as well be a typo in a first data row ({@code 0.5,2..5,0}), whose row
         * would silently become column names: refused, with what to say instead.
         */
        private boolean looksLikeHeader() {
            boolean numbers = false;
            int malformed = -1;
            for (int c = 0; c < fields.size(); c++) {
                if (c == labelIndex) {
                    continue;
                }
                String f = fields.get(c);
                if (isNumber(f) || isNonFiniteWord(f)) {
                    numbers = true;
                } else if (!isNumberLike(f)) {
                    return true;
                } else if (malformed < 0) {
                    malformed = c;
                }
            }
            if (malformed >= 0 && numbers) {
                String f = abbreviate(fields.get(malformed));
                throw error(file, 1, starts.get(malformed), "line 1 mixes numbers with '" + f + "', neither a number"
                        + " nor plainly a column name; say header: present (--header) if line 1 names the columns, or"
                        + " header: absent (--no-header) if it is data");
            }
            return malformed >= 0;
        }

        private void row() {
            if (fields.size() != columns) {
                int col = fields.size() > columns ? starts.get(columns) : starts.get(fields.size() - 1);
                throw error(file, lineNo, col, "expected " + columns + " fields (as in line " + (firstLineOfTable()) + ") but found "
                        + fields.size());
            }
            if (rows == Integer.MAX_VALUE - 8) {
                throw error(file, lineNo, 1, "too many rows");
            }
            if (chunk == null || chunkFill == chunk.length) {
                chunk = new float[chunkRows * numFeatures];
                chunks.add(chunk);
                chunkFill = 0;
            }
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    label(c);
                } else {
                    chunk[chunkFill++] = number(c, "feature '" + columnNames.get(c) + "'");
                }
            }
            rows++;
        }

        private long firstLineOfTable() {
            return 1;
        }

        private float number(int c, String what) {
            String f = fields.get(c);
            int col = starts.get(c);
            if (f.isEmpty()) {
                throw error(file, lineNo, col, "empty value for " + what);
            }
            if (isNonFiniteWord(f)) {
                throw error(file, lineNo, col, "not a finite number for " + what + ": '" + abbreviate(f) + "'");
            }
            if (!isNumberLike(f)) {
                throw error(file, lineNo, col, "not a number for " + what + ": '" + abbreviate(f) + "'");
            }
            double v;
            try {
                v = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                throw error(file, lineNo, col, "not a number for " + what + ": '" + abbreviate(f) + "'");
            }
            float fv = (float) v;
            if (!Double.isFinite(v) || !Float.isFinite(fv)) {
                throw error(file, lineNo, col, "not a finite number (outside float range) for " + what + ": '" + abbreviate(f) + "'");
            }
            return fv;
        }

        private void label(int c) {
            if (rows == ids.length) {
                ids = java.util.Arrays.copyOf(ids, ids.length * 2);
                targets = java.util.Arrays.copyOf(targets, targets.length * 2);
            }
            String f = fields.get(c);
            int col = starts.get(c);
            if (!classification) {
                targets[rows] = number(c, "target '" + columnNames.get(c) + "'");
                return;
            }
            if (stringLabels == null) {
                stringLabels = !(isNumber(f) || isNonFiniteWord(f)) && !f.isEmpty();
            }
            if (stringLabels) {
                if (f.isEmpty()) {
                    throw error(file, lineNo, col, "empty label");
                }
                Integer id = labelIdsByFirstSeen.get(f);
                if (id == null) {
                    if (labelsInFirstSeenOrder.size() >= MAX_CLASSES) {
                        throw error(file, lineNo, col, "more than " + MAX_CLASSES + " distinct labels: '" + abbreviate(f) + "'");
                    }
                    id = labelsInFirstSeenOrder.size();
                    labelIdsByFirstSeen.put(f, id);
                    labelsInFirstSeenOrder.add(f);
                }
                ids[rows] = id;
                return;
            }
            if (!isNumber(f) && !isNonFiniteWord(f) || f.isEmpty()) {
                throw error(file, lineNo, col, "label is not an integer class index: '" + abbreviate(f)
                        + "' (the first row's label was a number, so all labels must be)");
            }
            float v = number(c, "label");
            // judged on the text's own value: float32 rounds 1.00000001 to the class index 1
            double exact = Double.parseDouble(f.strip());
            if (v != Math.rint(v) || exact != Math.rint(exact)) {
                throw error(file, lineNo, col, "label is not an integer class index: '" + abbreviate(f) + "'");
            }
            Integer k = options.numClasses();
            if (v < 0 || v >= (k == null ? MAX_CLASSES : k)) {
                throw error(file, lineNo, col, "label out of range: '" + abbreviate(f) + "' (class indices must be in [0, "
                        + (k == null ? MAX_CLASSES + ")" : k + ") for numClasses=" + k) + ")");
            }
            int id = (int) v;
            ids[rows] = id;
            maxLabel = Math.max(maxLabel, id);
        }

        private Parsed finish() {
            Parsed p = new Parsed();
            p.file = file;
            p.rows = rows;
            p.firstDataLine = (int) firstDataLine;
            p.firstDataColumns = firstDataColumns;
            p.labelIndex = labelIndex;
            List<String> names = new ArrayList<>(columnNames);
            if (labelIndex >= 0) {
                names.remove(labelIndex);
            }
            p.featureNames = names;
            // features: copy chunk by chunk into the off-heap array, releasing each chunk
            INDArray features = Nd4j.create(DataType.FLOAT, rows, numFeatures);
            int r0 = 0;
            for (int i = 0; i < chunks.size(); i++) {
                float[] ch = chunks.get(i);
                int chRows = Math.min(chunkRows, rows - r0);
                INDArray block = Nd4j.create(java.util.Arrays.copyOf(ch, chRows * numFeatures), new long[] {chRows, numFeatures}, 'c');
                features.get(NDArrayIndex.interval(r0, r0 + chRows), NDArrayIndex.all()).assign(block);
                chunks.set(i, null);
                r0 += chRows;
            }
            p.features = features;
            if (labelIndex >= 0 && classification) {
                int labelCol = firstDataColumns[labelIndex];
                int[] idsOut = java.util.Arrays.copyOf(ids, rows);
                List<String> classNames = new ArrayList<>();
                int present;
                if (stringLabels) {
                    refuseNumericHeader(idsOut);
                    TreeSet<String> sorted = new TreeSet<>(labelsInFirstSeenOrder);
                    classNames.addAll(sorted);
                    int[] remap = new int[labelsInFirstSeenOrder.size()];
                    for (int i = 0; i < remap.length; i++) {
                        remap[i] = classNames.indexOf(labelsInFirstSeenOrder.get(i));
                    }
                    for (int i = 0; i < rows; i++) {
                        idsOut[i] = remap[idsOut[i]];
                    }
                    present = sorted.size();
                } else {
                    int k = options.numClasses() == null ? maxLabel + 1 : options.numClasses();
                    for (int i = 0; i < k; i++) {
                        classNames.add(Integer.toString(i));
                    }
                    boolean[] seen = new boolean[k];
                    present = 0;
                    for (int id : idsOut) {
                        if (!seen[id]) {
                            seen[id] = true;
                            present++;
                        }
                    }
                }
                if (present < 2) {
                    String only = stringLabels ? classNames.get(0) : Integer.toString(idsOut[0]);
                    throw error(file, firstDataLine, labelCol, "only one class ('" + abbreviate(only) + "') present in "
                            + rows + " rows of label column '" + columnNames.get(labelIndex) + "'; classification needs at least two");
                }
                p.classIds = idsOut;
                p.classNames = classNames;
            } else {
                p.classNames = List.of();
                p.targets = labelIndex >= 0 ? java.util.Arrays.copyOf(targets, rows) : null;
            }
            return p;
        }
    }

    /**
     * A decimal number: only its characters, and {@code parseDouble} reads them ({@code 18-25},
     * {@code E1} and {@code 2019-01} have only such characters but are text: a class or a column name).
     */
    static boolean isNumber(String s) {
        if (!isNumberLike(s)) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Only the characters of a decimal number (the strict check before {@code parseDouble}). */
    static boolean isNumberLike(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** NaN and infinity spellings. */
    static boolean isNonFiniteWord(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        return t.equals("nan") || t.equals("inf") || t.equals("infinity") || t.equals("∞");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
