package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link PerThreadSecureRandom} as the CLI installs it, in child JVMs: the test JVM's own UUID
 * generator was fixed when something first drew a UUID, so only a fresh process shows the effect.
 */
class PerThreadSecureRandomTest {

    private static String runChild(String... properties) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xmx256m"));
        cmd.addAll(Arrays.asList(properties));
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }

    @Test
    void theDefaultGeneratorIsEachThreadsOwnDrbgAndUuidsDrawFromIt() throws Exception {
        // the child prints: default algorithm, whether installFirst installed again, UUIDs drawn through
        // the service per UUID, distinct UUIDs of 2 x 5000, whether the two threads' generators differ,
        // whether one thread keeps its generator, their algorithm, whether their first bytes differ
        assertEquals("PerThreadDRBG false 1.0 10000 true true DRBG true", runChild());
    }

    @Test
    void thePropertyKeepsTheJdksSharedGenerator() throws Exception {
        String out = runChild("-D" + Nd4jSetup.SHARED_SECURE_RANDOM + "=true");
        assertTrue(out.startsWith("NativePRNG "), out);
    }

    /** The child JVM: the CLI's setup, then the checks, printed on one line. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Nd4jSetup.applyDefaults();
            String algorithm = new SecureRandom().getAlgorithm();
            if (!algorithm.equals(PerThreadSecureRandom.ALGORITHM)) {
                System.out.println(algorithm + " (not installed)");
                return;
            }
            boolean again = PerThreadSecureRandom.installFirst();
            long before = PerThreadSecureRandom.draws();
            Set<UUID> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            SecureRandom[] own = new SecureRandom[2];
            byte[][] first = new byte[2][32];
            boolean[] kept = new boolean[2];
            Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int i = t;
                threads[t] = new Thread(() -> {
                    for (int k = 0; k < 5000; k++) {
                        ids.add(UUID.randomUUID());
                    }
                    own[i] = PerThreadSecureRandom.ownGenerator();
                    kept[i] = own[i] == PerThreadSecureRandom.ownGenerator();
                    own[i].nextBytes(first[i]);
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double drawsPerUuid = (PerThreadSecureRandom.draws() - before) / 10000.0;
            System.out.println(algorithm + " " + again + " " + drawsPerUuid + " " + ids.size() + " "
                    + (own[0] != own[1]) + " " + (kept[0] && kept[1]) + " " + own[0].getAlgorithm() + " "
                    + !Arrays.equals(first[0], first[1]));
        }
    }
}
