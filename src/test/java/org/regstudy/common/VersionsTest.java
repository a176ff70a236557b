package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.io.InputStream;
import java.util.Properties;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class VersionsTest {

    /**
     * Finds the artifact's jar on the class path by its file name and reads the version from its
     * pom.properties: an independent route to the same fact, so a hard-coded string would fail.
     */
    private static String versionFromClassPathJar(String group, String artifact) throws Exception {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.startsWith(artifact + "-") && name.endsWith(".jar")
                    && Character.isDigit(name.charAt(artifact.length() + 1))) {
                try (JarFile jar = new JarFile(entry);
                     InputStream in = jar.getInputStream(
                             jar.getJarEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"))) {
                    Properties p = new Properties();
                    p.load(in);
                    String fromFileName = name.substring(artifact.length() + 1, name.length() - 4);
                    assertEquals(fromFileName, p.getProperty("version"), "jar name and pom.properties agree");
                    return p.getProperty("version");
                }
            }
        }
        throw new AssertionError(artifact + " not on the class path");
    }

    @Test
    void versionsComeFromTheJarsOnTheClassPath() throws Exception {
        Versions v = Versions.current();
        assertEquals(versionFromClassPathJar("org.deeplearning4j", "deeplearning4j-nn"), v.dl4j());
        assertEquals(versionFromClassPathJar("org.nd4j", "nd4j-api"), v.nd4j());
        assertEquals(versionFromClassPathJar("org.deeplearning4j", "arbiter-core"), v.arbiter());
        assertNotEquals("unknown", v.regstudy());
        assertEquals(System.getProperty("regstudy.expectedVersion", v.regstudy()), v.regstudy());
    }
}
