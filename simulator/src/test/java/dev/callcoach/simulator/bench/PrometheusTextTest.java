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
    void maxOverSeriesAndNothingForAnUnknownName() {
        assertThat(METRICS.max("jvm_gc_pause_seconds_max")).isCloseTo(0.031, within(1e-12));
        assertThat(METRICS.max("no_such_metric")).isZero();
        assertThat(METRICS.sum("no_such_metric", "")).isZero();
    }
}
