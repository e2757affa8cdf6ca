package dev.callcoach.backend.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.InMemorySessionStore;
import dev.callcoach.backend.twilio.StatusCallbacks.Result;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusCallbacksTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final List<ChannelEvent> published = new ArrayList<>();
    private final StatusCallbacks callbacks = new StatusCallbacks(sessions, published::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void statusesMoveForwardAndEachChangeIsPublishedOnce() {
        UUID id = sessions.add(VoiceAnswersTest.session(CallStatus.QUEUED, NOW));

        assertThat(apply(id, "ringing")).isEqualTo(Result.APPLIED);
        assertThat(apply(id, "ringing")).isEqualTo(Result.UNCHANGED);
        assertThat(apply(id, "in-progress")).isEqualTo(Result.APPLIED);
        assertThat(apply(id, "ringing")).isEqualTo(Result.UNCHANGED);
        assertThat(callbacks.apply(id.toString(), Map.of("CallStatus", "completed", "CallDuration", "42"))
                .await().indefinitely()).isEqualTo(Result.APPLIED);
        assertThat(apply(id, "in-progress")).isEqualTo(Result.UNCHANGED);

        assertThat(published).containsExactly(
                new CallStatusChanged(id, CallStatus.RINGING, NOW, null),
                new CallStatusChanged(id, CallStatus.IN_PROGRESS, NOW, null),
                new CallStatusChanged(id, CallStatus.COMPLETED, NOW, null));
        assertThat(sessions.duration(id)).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aCallThatDidNotConnectSaysWhyWithoutNumbers() {
        UUID id = sessions.add(VoiceAnswersTest.session(CallStatus.RINGING, NOW));
        callbacks.apply(id.toString(), Map.of("CallStatus", "busy", "SipResponseCode", "486", "To", "+14155550100"))
                .await().indefinitely();
        assertThat(published).containsExactly(new CallStatusChanged(id, CallStatus.BUSY, NOW, "sip 486"));
    }

    @Test
    void unknownStatusesAndSessionsChangeNothing() {
        UUID id = sessions.add(VoiceAnswersTest.session(CallStatus.RINGING, NOW));
        assertThat(apply(id, "teleported")).isEqualTo(Result.BAD_REQUEST);
        assertThat(apply(id, "reserved")).isEqualTo(Result.BAD_REQUEST);
        assertThat(callbacks.apply("nope", Map.of("CallStatus", "ringing")).await().indefinitely()).isEqualTo(Result.UNKNOWN_SESSION);
        assertThat(apply(UUID.randomUUID(), "completed")).isEqualTo(Result.UNCHANGED);
        assertThat(published).isEmpty();
    }

    private Result apply(UUID id, String status) {
        return callbacks.apply(id.toString(), Map.of("CallStatus", status)).await().indefinitely();
    }
}
