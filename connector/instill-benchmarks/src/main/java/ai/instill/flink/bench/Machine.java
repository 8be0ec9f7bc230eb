package ai.instill.flink.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Where and how the benchmark ran: the machine, the JVM, the load, the mode. */
public record Machine(
        String date,
        int cores,
        String cpuModel,
        double memoryGiB,
        String jdk,
        String os,
        String loadAverage,
        long durationSeconds,
        String mode,
        double perInputMs,
        List<String> jvmArguments) {

    static Machine describe(
            Duration took, boolean quick, double perInputMs, List<String> jvmArguments) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        return new Machine(
                Instant.now().toString(),
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"),
                readLoadAverage(),
                took.toSeconds(),
                quick ? "quick" : "full",
                perInputMs,
                jvmArguments.stream().filter(a -> !a.startsWith("--add-opens")).toList());
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /**
     * The 1, 5 and 15 minute load averages when the run ended (a quiet 2-core machine is below 1
     * without the run).
     */
    private static String readLoadAverage() {
        try {
            String[] words = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return words[0] + " " + words[1] + " " + words[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
