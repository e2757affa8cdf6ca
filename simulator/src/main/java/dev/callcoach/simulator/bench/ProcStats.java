package dev.callcoach.simulator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory from Linux's {@code /proc}: {@code stat} fields 14 and 15
 * (utime, stime, in clock ticks) and {@code status}'s {@code VmRSS}.
 */
final class ProcStats {

    /** {@code getconf CLK_TCK} on every Linux the JDK runs on; {@code /proc} has no way to ask. */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** User plus system CPU time of the process so far, in nanoseconds. */
    static long cpuNanos(long pid) {
        return ticksToNanos(cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))));
    }

    /** Resident set size of the process now, in kB. */
    static long rssKb(long pid) {
        return vmRssKb(read(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** utime + stime from the text of {@code /proc/<pid>/stat}. */
    static long cpuTicks(String stat) {
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = stat.substring(nameEnd + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** The {@code VmRSS} line of {@code /proc/<pid>/status}, in kB. */
    static long vmRssKb(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no VmRSS line"));
    }

    static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * Milliseconds of CPU per call-second: CPU time spent over the window divided by calls × seconds.
     * 1000 would be one core's worth for one call.
     */
    static double cpuMsPerCallSecond(long cpuNanos, int calls, long windowNanos) {
        return calls == 0 || windowNanos == 0 ? 0 : cpuNanos / 1e6 / (calls * (windowNanos / 1e9));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (Linux only; is the process still running?)", e);
        }
    }
}
