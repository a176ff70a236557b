package org.regstudy.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.regstudy.common.BadInputException;
import org.regstudy.network.NetworkFactory;

/**
 * Checks an untrusted DL4J model zip before DL4J reads it.
 *
 * <p>Both views of the zip are checked: the central directory (as {@link ZipFile} reads it) and
 * the local entries in file order (as DL4J's {@code ModelSerializer} reads them with a
 * {@link ZipInputStream}). Refused, each with a one-line {@link BadInputException}: a missing,
 * empty or oversized file; an HDF5 (Keras .h5) file; anything that is not a zip; a truncated or
 * corrupt zip; more than {@code maxEntries} entries; an entry name that is absolute or contains
 * {@code ..}, a backslash or a NUL; duplicate names; an entry whose declared or actual
 * (streamed and counted) uncompressed size exceeds {@code maxEntryBytes}, or a total above
 * {@code maxTotalBytes}; no {@code configuration.json}, or one that is neither a
 * MultiLayerNetwork nor a ComputationGraph configuration, or one above {@link #MAX_CONFIG_BYTES}
 * (declared or inflated); no {@code coefficients.bin}, or one
 * whose ND4J array headers are malformed or disagree with its size ({@link #checkCoefficients}); a
 * {@code preprocessor.bin} (DL4J reads it with Java deserialization); a {@code normalizer.bin}
 * with a custom strategy class (ND4J would instantiate a class named in the file).
 */
public final class ModelZipValidator {

    /** First bytes of an HDF5 file (Keras .h5 models). */
    static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ModelZipValidator() {
    }

    /**
     * Size limits for an untrusted zip.
     *
     * @param maxFileBytes largest zip file accepted
     * @param maxEntryBytes largest uncompressed size of one entry, declared or actual
     * @param maxTotalBytes largest uncompressed size of all entries together
     * @param maxEntries largest number of entries
     */
    public record Limits(long maxFileBytes, long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        public Limits {
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException("maxFileBytes must be > 0, got " + maxFileBytes);
            }
            if (maxEntryBytes <= 0) {
                throw new IllegalArgumentException("maxEntryBytes must be > 0, got " + maxEntryBytes);
            }
            if (maxTotalBytes <= 0) {
                throw new IllegalArgumentException("maxTotalBytes must be > 0, got " + maxTotalBytes);
            }
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("maxEntries must be > 0, got " + maxEntries);
            }
        }

        /** 1 GiB file, 1 GiB per entry, 2 GiB in all, 100 entries. */
        public static Limits defaults() {
            return new Limits(1L << 30, 1L << 30, 2L << 30, 100);
        }

        /** Defaults with the per-entry and total uncompressed limits set to {@code bytes}. */
        public static Limits uncompressed(long bytes) {
            Limits d = defaults();
            return new Limits(d.maxFileBytes, bytes, bytes, d.maxEntries);
        }
    }

    /** What validation learned about a zip. */
    record Summary(boolean computationGraph, boolean hasNormalizer, byte[] normalizerBytes) {
    }

    /** Throws {@link BadInputException} unless {@code zip} passes every check above. */
    public static void validate(Path zip, Limits limits) {
        check(zip, limits);
    }

    /** {@link #validate(Path, Limits)} with {@link Limits#defaults()}. */
    public static void validate(Path zip) {
        check(zip, Limits.defaults());
    }

    static Summary check(Path zip, Limits limits) {
        if (zip == null) {
            throw new IllegalArgumentException("zip must not be null");
        }
        return check(zip, zip.toString(), limits);
    }

    /** Checks {@code zip}, naming it {@code where} in messages (the user's path when {@code zip} is a copy). */
    static Summary check(Path zip, String where, Limits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
        long size;
        byte[] head = new byte[8];
        int headLen;
        try {
            if (Files.isDirectory(zip)) {
                throw new BadInputException(where + ": is a directory, not a DL4J model zip");
            }
            size = Files.size(zip);
            if (size == 0) {
                throw new BadInputException(where + ": empty file, not a DL4J model zip");
            }
            if (size > limits.maxFileBytes()) {
                throw new BadInputException(where + ": file has " + size + " bytes, above the limit of "
                        + limits.maxFileBytes());
            }
            try (InputStream in = Files.newInputStream(zip)) {
                headLen = in.readNBytes(head, 0, head.length);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(where + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read: " + e.getMessage(), e);
        }
        if (headLen == HDF5_MAGIC.length && java.util.Arrays.equals(head, HDF5_MAGIC)) {
            throw new BadInputException(where + ": HDF5 / Keras .h5, not a DL4J zip"
                    + " (import Keras models with deeplearning4j-modelimport and save them with ModelSerializer)");
        }
        if (headLen < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new BadInputException(where + ": not a zip file (does not start with a zip entry header)");
        }

        // View 1: the central directory.
        Set<String> centralNames = new HashSet<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            long declaredTotal = 0;
            int n = 0;
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                n++;
                if (n > limits.maxEntries()) {
                    throw new BadInputException(where + ": more than " + limits.maxEntries() + " entries");
                }
                checkName(where, e.getName());
                if (!centralNames.add(e.getName())) {
                    throw new BadInputException(where + ": duplicate entry name '" + org.regstudy.common.TerminalText.printable(e.getName()) + "'");
                }
                long declared = e.getSize();
                if (declared > limits.maxEntryBytes()) {
                    throw new BadInputException(where + ": entry '" + org.regstudy.common.TerminalText.printable(e.getName()) + "' declares " + declared
                            + " uncompressed bytes, above the limit of " + limits.maxEntryBytes() + " (zip bomb?)");
                }
                if (declared > 0) {
                    declaredTotal += declared;
                    if (declaredTotal > limits.maxTotalBytes()) {
                        throw new BadInputException(where + ": entries declare more than " + limits.maxTotalBytes()
                                + " uncompressed bytes in all (zip bomb?)");
                    }
                }
            }
        } catch (ZipException e) {
            throw new BadInputException(where + ": truncated or corrupt zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read zip: " + e.getMessage(), e);
        }

        // View 2: local entries in file order, as DL4J reads them; actual sizes counted while streaming.
        Set<String> localNames = new HashSet<>();
        byte[] config = null;
        byte[] normalizer = null;
        var coefficientsHead = new java.io.ByteArrayOutputStream();
        long coefficientsSize = -1;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(zip))) {
            long total = 0;
            int n = 0;
            byte[] buf = new byte[64 * 1024];
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                n++;
                if (n > limits.maxEntries()) {
                    throw new BadInputException(where + ": more than " + limits.maxEntries() + " entries");
                }
                String name = e.getName();
                checkName(where, name);
                if (e.isDirectory()) {
                    throw new BadInputException(where + ": entry '" + org.regstudy.common.TerminalText.printable(name) + "' is a directory;"
                            + " a DL4J model zip holds files only (re-zip without directory entries, e.g. zip -D)");
                }
                if (!localNames.add(name)) {
                    throw new BadInputException(where + ": duplicate entry name '" + org.regstudy.common.TerminalText.printable(name) + "'");
                }
                if (e.getSize() > limits.maxEntryBytes()) {
                    throw new BadInputException(where + ": entry '" + org.regstudy.common.TerminalText.printable(name) + "' declares " + e.getSize()
                            + " uncompressed bytes, above the limit of " + limits.maxEntryBytes() + " (zip bomb?)");
                }
                boolean isConfig = name.equals("configuration.json");
                boolean isCoefficients = name.equals("coefficients.bin");
                if (isConfig && e.getSize() > MAX_CONFIG_BYTES) {
                    throw new BadInputException(where + ": configuration.json declares " + e.getSize()
                            + " uncompressed bytes, above the limit of " + MAX_CONFIG_BYTES + " for a configuration");
                }
                boolean keep = isConfig || name.equals("normalizer.bin");
                var kept = keep ? new java.io.ByteArrayOutputStream() : null;
                long entryBytes = 0;
                int r;
                while ((r = zin.read(buf)) > 0) {
                    if (isCoefficients && entryBytes < COEFFICIENTS_HEAD) {
                        int n0 = (int) Math.min(r, COEFFICIENTS_HEAD - entryBytes);
                        coefficientsHead.write(buf, 0, n0);
                    }
                    entryBytes += r;
                    total += r;
                    if (entryBytes > limits.maxEntryBytes()) {
                        throw new BadInputException(where + ": entry '" + org.regstudy.common.TerminalText.printable(name) + "' inflates to more than "
                                + limits.maxEntryBytes() + " bytes (zip bomb?)");
                    }
                    if (isConfig && entryBytes > MAX_CONFIG_BYTES) {
                        throw new BadInputException(where + ": configuration.json inflates to more than "
                                + MAX_CONFIG_BYTES + " bytes, the limit for a configuration (zip bomb?)");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new BadInputException(where + ": entries inflate to more than "
                                + limits.maxTotalBytes() + " bytes in all (zip bomb?)");
                    }
                    if (kept != null) {
                        kept.write(buf, 0, r);
                    }
                }
                if (isCoefficients) {
                    coefficientsSize = entryBytes;
                }
                if (kept != null) {
                    if (name.equals("configuration.json")) {
                        config = kept.toByteArray();
                    } else {
                        normalizer = kept.toByteArray();
                    }
                }
            }
        } catch (BadInputException e) {
            throw e;
        } catch (EOFException | ZipException e) {
            throw new BadInputException(where + ": truncated or corrupt zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read zip: " + e.getMessage(), e);
        }
        if (!localNames.equals(centralNames)) {
            throw new BadInputException(where + ": local entries and central directory list different names");
        }
        if (config == null) {
            throw new BadInputException(where + ": no configuration.json: a zip, but not a DL4J model zip");
        }
        if (!localNames.contains("coefficients.bin") && !localNames.contains("noParams.marker")) {
            throw new BadInputException(where + ": no coefficients.bin: a DL4J model zip without parameters");
        }
        if (localNames.contains("preprocessor.bin")) {
            throw new BadInputException(where + ": contains preprocessor.bin, which DL4J reads with Java"
                    + " deserialization; refused for an untrusted file");
        }
        boolean graph = modelKind(where, config);
        if (coefficientsSize >= 0) {
            checkCoefficients(where, coefficientsHead.toByteArray(), coefficientsSize);
        }
        if (normalizer != null) {
            checkNormalizerHeader(where, normalizer);
        }
        return new Summary(graph, normalizer != null, normalizer);
    }

    static void checkName(String where, String name) {
        String n = name.replace('\\', '/');
        boolean bad = name.isEmpty() || name.indexOf('\0') >= 0 || name.contains("\\") || n.startsWith("/")
                || (n.length() >= 2 && n.charAt(1) == ':');
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                bad = true;
            }
        }
        if (bad) {
            throw new BadInputException(where + ": entry name '" + org.regstudy.common.TerminalText.printable(name)
                    + "' escapes the archive (absolute, '..', backslash or NUL)");
        }
    }

    /** True for a ComputationGraph configuration ("vertices"), false for a MultiLayerNetwork ("confs"). */
    static boolean modelKind(String where, byte[] config) {
        org.regstudy.network.ConfigurationJson.check(new String(config, java.nio.charset.StandardCharsets.UTF_8),
                where + ": configuration.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(config);
        } catch (IOException e) {
            throw new BadInputException(where + ": configuration.json is not valid JSON: "
                    + InspectionText.firstLine(e.getMessage()), e);
        }
        if (root != null && root.has("vertices")) {
            if (!root.get("vertices").isObject() || root.get("vertices").isEmpty()) {
                throw new BadInputException(where + ": configuration.json: \"vertices\" must be a non-empty object"
                        + " of graph vertices");
            }
            return true;
        }
        if (root != null && root.has("confs")) {
            if (!root.get("confs").isArray() || root.get("confs").isEmpty()) {
                throw new BadInputException(where + ": configuration.json: \"confs\" must be a non-empty array"
                        + " of layer configurations");
            }
            return false;
        }
        throw new BadInputException(where + ": configuration.json has neither \"confs\" (MultiLayerNetwork) nor"
                + " \"vertices\" (ComputationGraph)");
    }

    /** Largest configuration.json accepted, as for studies ({@link NetworkFactory#MAX_CONFIG_BYTES}). */
    static final long MAX_CONFIG_BYTES = NetworkFactory.MAX_CONFIG_BYTES;

    /** Bytes of coefficients.bin kept for its headers (which take under 700 bytes). */
    private static final int COEFFICIENTS_HEAD = 4096;

    /**
     * The allocation modes whose header has a long length (ND4J 1.0.0-M2.1 reads an int for DIRECT,
     * HEAP and JAVACPP, written by DL4J before 1.0.0-beta; such files are refused).
     */
    private static final Set<String> ALLOCATION_MODES = Set.of("LONG_SHAPE", "MIXED_DATA_TYPES");

    /** The allocation modes of DL4J before 1.0.0-beta, whose header ND4J reads with an int length. */
    private static final Set<String> OLD_ALLOCATION_MODES = Set.of("DIRECT", "HEAP", "JAVACPP");

    /** Bytes per element of the data types a shape buffer is written in. */
    private static final Map<String, Integer> SHAPE_TYPES = Map.of("LONG", 8, "INT", 4);

    /** Bytes per element of the floating-point types a network's parameters are written in. */
    private static final Map<String, Integer> PARAM_TYPES = Map.of("DOUBLE", 8, "FLOAT", 4, "HALF", 2, "BFLOAT16", 2);

    /**
     * Checks coefficients.bin against ND4J's {@code Nd4j.write} format before ND4J allocates
     * what it declares: for the shape buffer, then the data buffer, each {@code writeUTF(allocation
     * mode)}, {@code writeLong(length)}, {@code writeUTF(data type)} and {@code length} elements.
     * The shape buffer is {@code [rank, shape..., stride..., extras, ews, order]}; the data buffer
     * must hold as many elements as the shape's product, and the entry exactly that many bytes.
     *
     * @param head the entry's first bytes (at most {@link #COEFFICIENTS_HEAD})
     * @param size the entry's actual uncompressed size
     */
    static void checkCoefficients(String where, byte[] head, long size) {
        String e = where + ": coefficients.bin";
        if (size == 0) {
            throw new BadInputException(e + " is empty (an ND4J array starts with a shape header)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(head))) {
            BufferHeader shapeHeader = bufferHeader(e, in, "shape", SHAPE_TYPES);
            long shapeLength = shapeHeader.length();
            if (shapeLength < 4 || shapeLength > 2 * 32 + 4) {
                throw new BadInputException(e + ": shape header declares " + shapeLength
                        + " entries, not 2 x rank + 4 for a rank of 0 to 32");
            }
            long[] info = new long[(int) shapeLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = shapeHeader.type().equals("LONG") ? in.readLong() : in.readInt();
            }
            long rank = info[0];
            if (rank < 0 || rank > 32 || shapeLength != 2 * rank + 4) {
                throw new BadInputException(e + ": shape header of " + shapeLength + " entries does not fit rank "
                        + rank + " (2 x rank + 4 expected)");
            }
            long count = 1;
            long[] shape = Arrays.copyOfRange(info, 1, 1 + (int) rank);
            for (long d : shape) {
                if (d < 1) { // a network's parameters are never empty (a model without any has noParams.marker)
                    throw new BadInputException(e + ": shape " + Arrays.toString(shape) + " has a size below 1");
                }
                try {
                    count = Math.multiplyExact(count, d);
                } catch (ArithmeticException overflow) {
                    throw new BadInputException(e + ": shape " + Arrays.toString(shape) + " overflows");
                }
            }
            checkLayout(e, info, shape, (int) rank);
            BufferHeader dataHeader = bufferHeader(e, in, "data", PARAM_TYPES);
            long length = dataHeader.length();
            String type = dataHeader.type();
            // the shape buffer's extras carry the array's data type; ND4J builds the array from them
            long extras = info[2 * (int) rank + 1];
            if (extras != ArrayOptionsHelper.setOptionBit(0L, DataType.valueOf(type))) {
                throw new BadInputException(e + ": shape header's options (" + extras + ") do not describe a plain "
                        + type + " array");
            }
            if (length != count) {
                throw new BadInputException(e + ": data header declares " + length + " elements, but shape "
                        + Arrays.toString(shape) + " has " + count);
            }
            long headerBytes = head.length - in.available();
            int elem = PARAM_TYPES.get(type);
            long bodyBytes = size - headerBytes;
            if (length > bodyBytes / elem || length * elem != bodyBytes) {
                throw new BadInputException(e + ": header declares " + length + " " + type + " elements ("
                        + (length > Long.MAX_VALUE / elem ? "more than " + Long.MAX_VALUE : length * elem)
                        + " bytes), but the entry holds " + bodyBytes + " bytes after its headers");
            }
        } catch (EOFException | java.io.UTFDataFormatException ex) {
            throw new BadInputException(e + ": truncated or malformed ND4J array header", ex);
        } catch (IOException ex) {
            throw new BadInputException(e + ": cannot be read: " + ex.getMessage(), ex);
        }
    }

    /**
     * ND4J reads an array with the strides, element-wise stride and order its shape buffer
     * declares: they must be those of a dense array of {@code shape} (c order: stride_i = prod of
     * the sizes after i; f order: of those before i), ews 1, order 'c' or 'f', or native code would
     * index outside the data.
     */
    private static void checkLayout(String e, long[] info, long[] shape, int rank) {
        long[] strides = Arrays.copyOfRange(info, 1 + rank, 1 + 2 * rank);
        long ews = info[2 * rank + 2];
        long order = info[2 * rank + 3];
        long[] c = new long[rank];
        long[] f = new long[rank];
        long p = 1;
        for (int i = rank - 1; i >= 0; i--) { // sizes are >= 1 and their product fits a long (checked before)
            c[i] = p;
            p *= shape[i];
        }
        p = 1;
        for (int i = 0; i < rank; i++) {
            f[i] = p;
            p *= shape[i];
        }
        boolean ok = (order == 'c' && Arrays.equals(strides, c)) || (order == 'f' && Arrays.equals(strides, f));
        if (!ok || ews != 1) {
            throw new BadInputException(e + ": shape header's strides " + Arrays.toString(strides) + ", ews " + ews
                    + " and order " + order + " are not those of a dense array of shape " + Arrays.toString(shape));
        }
    }

    /** One buffer header of Nd4j.write: its declared element count and data type. */
    private record BufferHeader(long length, String type) {
    }

    /** Reads and checks one buffer header: a known allocation mode, a length >= 0, a type in {@code types}. */
    private static BufferHeader bufferHeader(String e, DataInputStream in, String what, Map<String, Integer> types)
            throws IOException {
        String mode = in.readUTF();
        if (OLD_ALLOCATION_MODES.contains(mode)) {
            throw new BadInputException(e + ": " + what + " header has allocation mode " + mode + ", which DL4J"
                    + " wrote before 1.0.0-beta; load and save the model with a current DL4J");
        }
        if (!ALLOCATION_MODES.contains(mode)) {
            throw new BadInputException(e + ": " + what + " header has an unknown allocation mode '"
                    + org.regstudy.common.TerminalText.printable(mode) + "' (not an ND4J array)");
        }
        long length = in.readLong();
        String type = in.readUTF();
        if (!types.containsKey(type)) {
            throw new BadInputException(e + ": " + what + " header has data type '" + org.regstudy.common.TerminalText.printable(type)
                    + "', expected one of " + new java.util.TreeSet<>(types.keySet()));
        }
        if (length < 0) {
            throw new BadInputException(e + ": " + what + " header declares " + length + " elements");
        }
        return new BufferHeader(length, type);
    }

    /** ND4J's normalizer header: writeUTF("NORMALIZER"), writeInt(version), writeUTF(type). */
    static void checkNormalizerHeader(String where, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String magic = in.readUTF();
            in.readInt();
            String type = in.readUTF();
            if (!magic.equals("NORMALIZER")) {
                throw new BadInputException(where + ": normalizer.bin has no NORMALIZER header");
            }
            if (type.equals("CUSTOM")) {
                throw new BadInputException(where + ": normalizer.bin names a custom strategy class, which ND4J"
                        + " would instantiate; refused for an untrusted file");
            }
        } catch (IOException e) {
            throw new BadInputException(where + ": normalizer.bin is truncated or not an ND4J normalizer", e);
        }
    }
}
