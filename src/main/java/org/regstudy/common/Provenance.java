package org.regstudy.common;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a result came from, as far as the machine and software go: library versions, JVM,
 * operating system, CPU and thread settings. Results add the spec, dataset fingerprint and seeds.
 */
public record Provenance(
        Versions versions,
        String jvm,
        String os,
        String cpu,
        int availableProcessors,
        String ompNumThreads,
        String host) {

    /** Describes the running JVM and machine. */
    public static Provenance current() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return new Provenance(
                Versions.current(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                        + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                omp == null ? "unset" : omp,
                hostName());
    }

    private static String cpuModel() {
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                List<String> lines = Files.readAllLines(cpuinfo);
                for (String line : lines) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (Exception ignored) {
            // fall through to the architecture name
        }
        return System.getProperty("os.arch");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
