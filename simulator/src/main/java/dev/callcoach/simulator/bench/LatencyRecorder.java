package dev.callcoach.simulator.bench;

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
    LatencyStats snapshot() {
        return LatencyStats.of(recorder.getIntervalHistogram());
    }
}
