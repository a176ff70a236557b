package org.regstudy.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a dataset came from, for provenance.
 *
 * <ul>
 *   <li>From a file: {@code sha256} is the SHA-256 of the file's bytes (the same hex string
 *       {@code sha256sum FILE} prints), and {@code description} names the file and the parse
 *       settings (label column, header, task), so that the pair identifies the parsed data.</li>
 *   <li>From a generator: {@code sha256} is the SHA-256 of the UTF-8 {@code description}, which is
 *       the canonical text {@code generator=NAME k1=v1 k2=v2 ... seed=S}.</li>
 * </ul>
 *
 * @param sha256 64 lower-case hex digits
 * @param description one line naming the source and the settings
 */
public record Fingerprint(String sha256, String description) {

    public Fingerprint {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(description, "description");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    /** The fingerprint of generated data: the hash of its canonical description. */
    public static Fingerprint ofGenerator(String description) {
        return new Fingerprint(sha256Hex(description.getBytes(StandardCharsets.UTF_8)), description);
    }

    /** SHA-256 of {@code bytes} as lower-case hex. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** One line: {@code sha256=HEX (description)}. */
    @Override
    public String toString() {
        return "sha256=" + sha256 + " (" + description + ")";
    }
}
