package dev.callcoach.simulator.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Delays recorded from any thread without locks (HdrHistogram's {@link Recorder}, microsecond
 * resolution, three significant digits), read as an interval: {@link #reset()} starts one,
 * {@link #snapshot()} reads and ends it.
 */
final class LatencyRecorder {

    /** Longest delay told apart: an hour (a stalled bridge queues audio for seconds, so keep headroom). */
    private static final long MAX_MICROS = 3_600_000_000L;

    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);

    void record(long nanos) {
        recorder.recordValue(Math.clamp(nanos / 1000, 0, MAX_MICROS));
    }

    /** Forgets everything recorded so far. */
    void reset() {
        recorder.reset();
    }

    /** What was recorded since the last reset or snapshot. */
    Stats snapshot() {
        return Stats.of(recorder.getIntervalHistogram());
    }

    /** Count and percentiles of one interval, in milliseconds. */
    record Stats(long count, double p50Ms, double p99Ms, double maxMs) {

        static final Stats NONE = new Stats(0, 0, 0, 0);

        static Stats of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return NONE;
            }
            return new Stats(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        }

        /** {@code p50 / p99 / max} in ms, or {@code -} when nothing was recorded. */
        String summary() {
            return count == 0 ? "-" : "%s / %s / %s".formatted(ms(p50Ms), ms(p99Ms), ms(maxMs));
        }

        /** {@code p50 / p99} in ms, or {@code -} when nothing was recorded. */
        String p50p99() {
            return count == 0 ? "-" : "%s / %s".formatted(ms(p50Ms), ms(p99Ms));
        }

        private static String ms(double value) {
            return value >= 100 ? "%.0f".formatted(value) : value >= 10 ? "%.1f".formatted(value) : "%.2f".formatted(value);
        }
    }
}
