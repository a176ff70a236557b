package org.regstudy.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Versions of RegStudy and of the libraries it runs on, read from the jars on the class path
 * (each jar's {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}), never hard-coded.
 */
public record Versions(String regstudy, String dl4j, String nd4j, String arbiter) {

    /** Reads the versions of the jars that hold the classes actually loaded. */
    public static Versions current() {
        return new Versions(
                regstudyVersion(),
                jarVersion(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class,
                        "org.deeplearning4j", "deeplearning4j-nn"),
                jarVersion(org.nd4j.linalg.factory.Nd4j.class, "org.nd4j", "nd4j-api"),
                jarVersion(org.deeplearning4j.arbiter.optimize.api.OptimizationResult.class,
                        "org.deeplearning4j", "arbiter-core"));
    }

    /** One line per component, as {@code regstudy --version} prints them. */
    public String describe() {
        return "RegStudy " + regstudy + System.lineSeparator()
                + "Deeplearning4j " + dl4j + System.lineSeparator()
                + "ND4J " + nd4j + System.lineSeparator()
                + "Arbiter " + arbiter;
    }

    static String regstudyVersion() {
        try (InputStream in = Versions.class.getResourceAsStream("/org/regstudy/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("regstudy.version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The version in the {@code pom.properties} of the jar (or class directory) that loaded
     * {@code type}; "unknown" when that location carries none.
     */
    public static String jarVersion(Class<?> type, String groupId, String artifactId) {
        String entry = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Properties p = new Properties();
            if (Files.isDirectory(location)) {
                Path file = location.resolve(entry);
                if (!Files.exists(file)) {
                    return "unknown";
                }
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    JarEntry e = jar.getJarEntry(entry);
                    if (e == null) {
                        return "unknown";
                    }
                    try (InputStream in = jar.getInputStream(e)) {
                        p.load(in);
                    }
                }
            }
            return p.getProperty("version", "unknown");
        } catch (IOException | URISyntaxException | SecurityException e) {
            return "unknown";
        }
    }
}
