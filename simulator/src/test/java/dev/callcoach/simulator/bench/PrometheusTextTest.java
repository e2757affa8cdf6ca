package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final PrometheusText METRICS = new PrometheusText("""
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 3.0E7
            jvm_memory_used_bytes{area="heap",id="Eden Space"} 1.5E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
            jvm_memory_used_bytes_total 1
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="Allocation Failure",gc="Copy"} 12
            jvm_gc_pause_seconds_count{action="end of major GC",cause="System.gc()",gc="MarkSweepCompact"} 2
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="Allocation Failure",gc="Copy"} 0.004
            jvm_gc_pause_seconds_max{action="end of major GC",cause="System.gc()",gc="MarkSweepCompact"} 0.031
            process_uptime_seconds 42.5
            """);

    @Test
    void sumsTheSeriesCarryingALabel() {
        assertThat(METRICS.sum("jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(4.5e7);
        assertThat(METRICS.sum("jvm_gc_pause_seconds_count", "")).isEqualTo(14);
        assertThat(METRICS.sum("process_uptime_seconds", "")).isEqualTo(42.5);
    }

    @Test
    void aHistogramsPercentilesOverAWindowAreTheBoundsOfTheBucketsTheyFallIn() {
        PrometheusText before = histogram(10, 10, 10, 10, 10);
        // In the window: 90 up to 10 µs, 9 more up to 100 µs, 1 up to 1 ms; the other direction counts nothing.
        PrometheusText after = histogram(100, 109, 110, 110, 10);

        LatencyStats up = after.histogramSince(before, "delay_seconds", "direction=\"up\"");
        assertThat(up.count()).isEqualTo(100);
        assertThat(up.p50Ms()).isCloseTo(0.01, within(1e-9));
        assertThat(up.p99Ms()).isCloseTo(0.1, within(1e-9));
        assertThat(up.maxMs()).isCloseTo(1, within(1e-9));
        assertThat(after.histogramSince(before, "delay_seconds", "direction=\"down\"")).isEqualTo(LatencyStats.NONE);
        LatencyStats beyondTheLastBucket = histogram(0, 0, 0, 1, 0)
                .histogramSince(histogram(0, 0, 0, 0, 0), "delay_seconds", "direction=\"up\"");
        assertThat(beyondTheLastBucket.summary()).isEqualTo("∞ / ∞ / ∞");
        assertThat(after.histogramSince(before, "no_such_seconds", "")).isEqualTo(LatencyStats.NONE);
    }

    /** Cumulative counts of direction "up" at 10 µs, 100 µs, 1 ms and +Inf, and of "down" everywhere. */
    private static PrometheusText histogram(int tenMicros, int hundredMicros, int oneMilli, int all, int down) {
        return new PrometheusText("""
                # TYPE delay_seconds histogram
                delay_seconds_bucket{direction="up",le="1.0E-5"} %d.0
                delay_seconds_bucket{direction="up",le="1.0E-4"} %d.0
                delay_seconds_bucket{direction="up",le="0.001"} %d.0
                delay_seconds_bucket{direction="up",le="+Inf"} %d.0
                delay_seconds_count{direction="up"} %d.0
                delay_seconds_bucket{direction="down",le="1.0E-5"} %d.0
                delay_seconds_bucket{direction="down",le="+Inf"} %d.0
                """.formatted(tenMicros, hundredMicros, oneMilli, all, all, down, down));
    }

    @Test
    void maxOverSeriesAndNothingForAnUnknownName() {
        assertThat(METRICS.max("jvm_gc_pause_seconds_max")).isCloseTo(0.031, within(1e-12));
        assertThat(METRICS.max("no_such_metric")).isZero();
        assertThat(METRICS.sum("no_such_metric", "")).isZero();
    }
}
