package dev.callcoach.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line about the machine a run was taken on, printed with the figures so they can be read in context. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() {
        long cores = read("/proc/cpuinfo").lines().filter(line -> line.startsWith("processor")).count();
        return "cpu=\"" + cpuModel() + "\" cores=" + cores + " generator-cores=" + Runtime.getRuntime().availableProcessors()
                + " jdk=" + Runtime.version() + " " + loadAverage();
    }

    /** The 1, 5 and 15 minute load averages: above 1 or so on two cores, other work shared the machine. */
    static String loadAverage() {
        String load = read("/proc/loadavg");
        String[] fields = load.split("\\s+");
        return fields.length >= 3 ? "loadavg=" + fields[0] + "," + fields[1] + "," + fields[2] : "loadavg=?";
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("?");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
