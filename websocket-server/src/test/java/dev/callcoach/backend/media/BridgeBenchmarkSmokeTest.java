package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.testing.BenchPeerResource;
import dev.callcoach.backend.testing.FakeRealtimeResource;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.simulator.bench.BenchResult;
import dev.callcoach.simulator.bench.BenchRun;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The bridge load benchmark (docs/benchmarks.md) end to end at toy size, against this backend in
 * process: three calls reserved through the channel, bridged to the benchmark's Realtime peer,
 * barging in every second. It proves the harness measures traffic both ways and barge-ins; it
 * asserts counts only, never timings, and its figures mean nothing (the generator shares the JVM).
 * The backend runs with a batch window on its event loops ({@code callcoach.event-loop.batch-window}),
 * so this is also the load under which batched loops are shown to carry calls, marks and barge-ins.
 */
@QuarkusTest
@TestProfile(BridgeBenchmarkSmokeTest.BenchProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class BridgeBenchmarkSmokeTest {

    /** The backend with the benchmark's peer as its Realtime API, its event loops batching. */
    public static class BenchProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callcoach.event-loop.batch-window", "2ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BenchPeerResource.class));
        }
    }

    @TestHTTPResource("/")
    URI base;
    @TestHTTPResource(value = "/", management = true)
    URI management;
    @ConfigProperty(name = "callcoach.channel.token")
    String channelToken;
    @ConfigProperty(name = "callcoach.twilio.auth-token")
    String twilioToken;

    @Test
    void measuresAudioBothWaysMarksAndBargeIns() throws Exception {
        BenchRun.Backend backend = new BenchRun.Backend("http://localhost:" + base.getPort(),
                FakeRealtimeResource.PUBLIC_ORIGIN, "http://localhost:" + management.getPort(), channelToken, twilioToken, ProcessHandle.current().pid());
        BenchRun.Settings settings = new BenchRun.Settings(3, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(1), 50, false, BenchRun.Media.PHONE);

        BenchResult result = BenchRun.run(BenchPeerResource.peer(), backend, settings, call -> TestNumbers.fresh(), System.out);

        System.out.println(BenchResult.figuresTable(List.of(result)));
        System.out.println(BenchResult.healthTable(List.of(result)));
        BenchResult.Counts counts = result.counts();
        assertThat(counts.upSent()).isPositive();
        assertThat(counts.upReceived()).as("caller frames that reached the Realtime peer").isPositive();
        assertThat(counts.downSent()).isPositive();
        assertThat(counts.downReceived()).as("AI frames that reached the caller").isPositive();
        assertThat(counts.marksEchoed()).isPositive();
        assertThat(counts.speechStarted()).as("barge-ins the peer announced").isPositive();
        assertThat(counts.truncates()).as("truncates the bridge sent for them").isPositive();
        assertThat(counts.clears()).as("clears the bridge sent for them").isPositive();
        assertThat(counts.untagged()).isZero();
        assertThat(counts.streamsLost()).as("streams the backend closed").isZero();
        assertThat(result.up().count()).isEqualTo(counts.upReceived());
        // The backend's own histograms are found and read over the window.
        assertThat(result.insideBridge().up().count()).as("caller frames the bridge timed").isPositive();
        assertThat(result.insideBridge().down().count()).as("AI frames the bridge timed").isPositive();
        assertThat(result.insideBridge().bargeIn().count()).as("barge-ins the bridge timed").isPositive();
        assertThat(result.generatorLag().count()).isPositive();
        assertThat(result.backendCpuMsPerCallS()).isPositive();
        assertThat(result.rssKb()).isPositive();
    }
}
