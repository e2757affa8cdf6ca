package dev.callcoach.simulator.bench;

import java.util.NavigableMap;
import java.util.TreeMap;

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

    /**
     * What a histogram counted between {@code before} and this exposition, from its {@code <name>_bucket}
     * series whose labels contain {@code label} (summed over them): p50, p99 and max, each as the upper bound
     * of the bucket it falls in, in ms (from seconds). {@link LatencyStats#NONE} when nothing was counted.
     */
    LatencyStats histogramSince(PrometheusText before, String name, String label) {
        NavigableMap<Double, Double> now = buckets(name + "_bucket", label);
        NavigableMap<Double, Double> then = before.buckets(name + "_bucket", label);
        NavigableMap<Double, Double> counted = new TreeMap<>();
        now.forEach((le, cumulative) -> counted.put(le, cumulative - then.getOrDefault(le, 0.0)));
        double total = counted.isEmpty() ? 0 : counted.lastEntry().getValue();
        if (total <= 0) {
            return LatencyStats.NONE;
        }
        return new LatencyStats(Math.round(total), 1000 * upperBound(counted, 0.5 * total),
                1000 * upperBound(counted, 0.99 * total), 1000 * upperBound(counted, total));
    }

    /** The smallest bucket bound under which at least {@code count} were counted. */
    private static double upperBound(NavigableMap<Double, Double> cumulative, double count) {
        return cumulative.entrySet().stream()
                .filter(bucket -> bucket.getValue() >= count)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** Cumulative counts by bucket bound ({@code le}), summed over the matching series. */
    private NavigableMap<Double, Double> buckets(String name, String label) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        text.lines()
                .filter(line -> matches(line, name, label))
                .forEach(line -> buckets.merge(bucketBound(line), value(line), Double::sum));
        return buckets;
    }

    private static double bucketBound(String line) {
        int start = line.indexOf("le=\"") + 4;
        String bound = line.substring(start, line.indexOf('"', start));
        return bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
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
