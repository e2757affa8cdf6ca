package dev.callcoach.simulator.bench;

/** A Prometheus text exposition, queried by metric name and a label it must carry. */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The sum of every series of {@code name} whose labels contain {@code label} (e.g. {@code area="heap"}; "" for all). */
    double sum(String name, String label) {
        return text.lines()
                .filter(line -> matches(line, name, label))
                .mapToDouble(PrometheusText::value)
                .sum();
    }

    /** The largest value among the series of {@code name}, 0 when there is none. */
    double max(String name) {
        return text.lines()
                .filter(line -> matches(line, name, ""))
                .mapToDouble(PrometheusText::value)
                .max()
                .orElse(0);
    }

    private static boolean matches(String line, String name, String label) {
        if (!line.startsWith(name)) {
            return false;
        }
        char next = line.length() > name.length() ? line.charAt(name.length()) : '#';
        return (next == '{' || next == ' ') && (label.isEmpty() || line.contains(label));
    }

    private static double value(String line) {
        // "name{labels} value [timestamp]": the labels may hold spaces, so read after the closing brace.
        int brace = line.lastIndexOf('}');
        String afterName = brace >= 0 ? line.substring(brace + 1) : line.substring(line.indexOf(' '));
        String[] rest = afterName.trim().split("\\s+");
        return Double.parseDouble(rest[0]);
    }
}
