package dev.dragonpool.examples.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the results were measured on: the CPU model and the load average, for the reports. */
final class Machine {
    private Machine() {
    }

    /** @return the CPU model from {@code /proc/cpuinfo}, or the OS architecture where there is none */
    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture says enough.
        }
        return System.getProperty("os.arch");
    }

    /** @return the 1-minute load average, or -1 where the OS does not tell */
    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
