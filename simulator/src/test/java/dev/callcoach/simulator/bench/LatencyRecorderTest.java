package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesOfOneToAHundredMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            recorder.record(ms * 1_000_000L);
        }

        LatencyStats stats = recorder.snapshot();

        assertThat(stats.count()).isEqualTo(100);
        // HdrHistogram keeps three significant digits.
        assertThat(stats.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(stats.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(stats.maxMs()).isCloseTo(100, within(0.1));
        assertThat(stats.summary()).isEqualTo("50.0 / 99.0 / 100");
    }

    @Test
    void aSnapshotEndsItsIntervalAndResetForgetsTheWarmUp() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(5_000_000_000L);
        recorder.reset();
        recorder.record(2_000_000);

        assertThat(recorder.snapshot()).satisfies(stats -> {
            assertThat(stats.count()).isEqualTo(1);
            assertThat(stats.maxMs()).isCloseTo(2, within(0.01));
        });
        assertThat(recorder.snapshot()).isEqualTo(LatencyStats.NONE);
        assertThat(LatencyStats.NONE.summary()).isEqualTo("-");
    }

    @Test
    void negativeAndHugeDelaysAreClampedNotLost() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-7);
        recorder.record(Long.MAX_VALUE);

        LatencyStats stats = recorder.snapshot();

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.p50Ms()).isZero();
        assertThat(stats.maxMs()).isGreaterThanOrEqualTo(3_600_000);
    }
}
