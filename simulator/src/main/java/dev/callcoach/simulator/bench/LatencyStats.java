package dev.callcoach.simulator.bench;

import org.HdrHistogram.Histogram;

/** Count and percentiles of one interval, in milliseconds. */
public record LatencyStats(long count, double p50Ms, double p99Ms, double maxMs) {

    public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0);

    static LatencyStats of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencyStats(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    /** {@code p50 / p99 / max} in ms, or {@code -} when nothing was recorded. */
    public String summary() {
        return count == 0 ? "-" : "%s / %s / %s".formatted(ms(p50Ms), ms(p99Ms), ms(maxMs));
    }

    /** {@code p50 / p99} in ms, or {@code -} when nothing was recorded. */
    public String p50p99() {
        return count == 0 ? "-" : "%s / %s".formatted(ms(p50Ms), ms(p99Ms));
    }

    /** An infinite figure is a histogram's {@code +Inf} bucket: beyond its last bound. */
    private static String ms(double value) {
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return value >= 100 ? "%.0f".formatted(value) : value >= 10 ? "%.1f".formatted(value) : "%.2f".formatted(value);
    }
}
