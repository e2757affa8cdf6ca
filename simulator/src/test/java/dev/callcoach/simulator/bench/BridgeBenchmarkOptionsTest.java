package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.simulator.bench.BridgeBenchmark.Options;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeBenchmarkOptionsTest {

    @Test
    void defaultsAreTheDocumentedMethod() {
        Options options = Options.parse("50", "100");

        assertThat(options.callCounts()).containsExactly(50, 100);
        assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.measure()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.bargeInEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.backendCpus()).isEqualTo("0");
        assertThat(options.backendJvmArgs()).containsExactly("-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=75");
        assertThat(options.measureHeap()).isTrue();
        assertThat(options.launchRate()).isEqualTo(10);
        assertThat(options.media()).isEqualTo(BenchRun.Media.PHONE);
        assertThat(options.batchWindow()).as("the backend's own default").isEmpty();
    }

    @Test
    void theBackendGetsOneEventLoopPerCpuItIsPinnedTo() {
        assertThat(BridgeBenchmark.cpuCount("0")).isEqualTo(1);
        assertThat(BridgeBenchmark.cpuCount("0,2-3")).isEqualTo(3);
        assertThat(BridgeBenchmark.cpuCount(" 1 - 2 ")).isEqualTo(2);
    }

    @Test
    void flagsOverrideThem() {
        Options options = Options.parse("--warm-up", "0", "5", "--measure", "5", "--barge-in-every", "0",
                "--backend-cpus", "none", "--backend-jvm-args", " -Xmx1g  -XX:StartFlightRecording ", "--no-heap",
                "--media", "browser", "--batch-window", "0.5");

        assertThat(options.callCounts()).containsExactly(5);
        assertThat(options.warmUp()).isZero();
        assertThat(options.bargeInEvery()).isZero();
        assertThat(options.backendCpus()).isEqualTo("none");
        assertThat(options.backendJvmArgs()).isEqualTo(List.of("-Xmx1g", "-XX:StartFlightRecording"));
        assertThat(options.measureHeap()).isFalse();
        assertThat(options.media()).isEqualTo(BenchRun.Media.BROWSER);
        assertThat(options.batchWindow()).contains(Duration.ofNanos(500_000));
        assertThat(Options.parse("5", "--batch-window", "2").batchWindow()).contains(Duration.ofMillis(2));
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(Options::parse).hasMessage("name at least one call count");
        assertThatThrownBy(() -> Options.parse("fifty")).hasMessage("a call count must be a whole number, got 'fifty'");
        assertThatThrownBy(() -> Options.parse("0")).hasMessage("a call count must be at least 1, got '0'");
        assertThatThrownBy(() -> Options.parse("5", "--measure")).hasMessage("--measure needs a value");
        assertThatThrownBy(() -> Options.parse("5", "--warm-up", "-1")).hasMessageContaining("--warm-up must be a whole number");
        assertThatThrownBy(() -> Options.parse("5", "--calls", "9")).hasMessage("unknown option --calls");
        assertThatThrownBy(() -> Options.parse("5", "--batch-window", "2ms"))
                .hasMessage("--batch-window must be milliseconds to the microsecond, e.g. 0.5, got '2ms'");
        assertThatThrownBy(() -> Options.parse("5", "--batch-window", "0.0005")).hasMessageContaining("to the microsecond");
        assertThatThrownBy(() -> Options.parse("5", "--batch-window", "-1")).hasMessageContaining("to the microsecond");
    }

    @Test
    void fictionalNumbersAreStableAndDistinct() {
        List<String> numbers = java.util.stream.IntStream.range(0, 300).mapToObj(BridgeBenchmark.PhoneNumbers::fictional).toList();

        assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n.matches("\\+1\\d{3}55501\\d{2}"));
        assertThat(BridgeBenchmark.PhoneNumbers.fictional(7)).isEqualTo(numbers.get(7));
    }
}
