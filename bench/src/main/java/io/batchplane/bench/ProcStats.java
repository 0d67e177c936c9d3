package io.batchplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak memory of a process, read from Linux {@code /proc}: user + system time from
 * {@code /proc/<pid>/stat} (clock ticks, 100 per second on Linux), the resident-set high-water mark
 * ({@code VmHWM}) from {@code /proc/<pid>/status}.
 */
final class ProcStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** CPU seconds (user + system) the process has used so far; NaN when unreadable. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces; fields after its closing parenthesis are plain
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Peak resident memory in MiB; NaN when unreadable. */
    static double peakRssMiB(long pid) {
        return statusKiB(pid, "VmHWM:") / 1024.0;
    }

    /** Current resident memory in MiB; NaN when unreadable. */
    static double rssMiB(long pid) {
        return statusKiB(pid, "VmRSS:") / 1024.0;
    }

    private static double statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
