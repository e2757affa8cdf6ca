package dev.callcoach.backend.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallUsage;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calls that get no report are told so at once, and nothing about them is looked up or kept. */
class ReportServiceTest {

    private static final UUID SESSION = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-03-14T15:00:00Z");

    private final List<ChannelEvent> events = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionStore untouched = new SessionStore() {
        public Uni<Optional<CallSession>> find(UUID id) { throw new AssertionError("nothing is kept"); }
        public Uni<Boolean> advanceStatus(UUID id, CallStatus status, Instant at) { throw new AssertionError(); }
        public void recordUsage(UUID id, CallUsage usage) { throw new AssertionError(); }
        public void recordDuration(UUID id, Duration duration) { throw new AssertionError(); }
    };

    private ReportService service(boolean enabled) {
        ReportConfig base = GradingRequestContractTest.config("http://127.0.0.1:9/v1");
        ReportConfig config = new ReportConfig() {
            public boolean enabled() { return enabled; }
            public String baseUrl() { return base.baseUrl(); }
            public String model() { return base.model(); }
            public Duration timeout() { return base.timeout(); }
            public int maxRetries() { return base.maxRetries(); }
            public long maxOutputTokens() { return base.maxOutputTokens(); }
            public Duration retention() { return base.retention(); }
            public Duration cleanupInterval() { return base.cleanupInterval(); }
            public int cleanupBatchSize() { return base.cleanupBatchSize(); }
        };
        return new ReportService(config, null, request -> { throw new AssertionError("nothing is graded"); }, null,
                untouched, events::add, Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    @Test
    void withReportsOffTheWebappHearsNone() {
        service(false).ended(SESSION, List.of(new TranscriptLine(Speaker.CALLER, "Hello?", 1000)));

        assertThat(events).containsExactly(new ReportStatusChanged(SESSION, ReportState.NONE, null, NOW, "reports-off"));
        assertThat(meters.get("callcoach.reports").tags("state", "none", "detail", "reports-off").counter().count()).isOne();
    }

    @Test
    void aCallWithoutAWordFromTheCallerGetsNone() {
        service(true).ended(SESSION, List.of(new TranscriptLine(Speaker.AI, "Hello, is this a good time?", 900),
                new TranscriptLine(Speaker.CALLER, "  ", 4000)));

        assertThat(events).containsExactly(new ReportStatusChanged(SESSION, ReportState.NONE, null, NOW, "caller-silent"));
    }
}
