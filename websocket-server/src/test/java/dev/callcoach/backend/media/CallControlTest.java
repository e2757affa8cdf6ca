package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.contracts.channel.EndReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallControlTest {

    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-000000000042");

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final CallControl control = new CallControl(new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    }, Duration.ofMinutes(15));
    private final List<EndReason> received = new ArrayList<>();
    private final CallControl.LiveCall call = received::add;

    @Test
    void aRequestForALiveCallReachesIt() {
        assertThat(control.register(SESSION, call)).isTrue();
        assertThat(control.endCall(SESSION, EndReason.ENDED_FROM_PAGE)).isTrue();
        assertThat(received).containsExactly(EndReason.ENDED_FROM_PAGE);
    }

    @Test
    void anEarlyRequestIsAppliedWhenTheCallRegisters() {
        assertThat(control.endCall(SESSION, EndReason.ENDED_FROM_PAGE)).isFalse();
        now = now.plus(Duration.ofMinutes(2));
        control.register(SESSION, call);
        assertThat(received).containsExactly(EndReason.ENDED_FROM_PAGE);
    }

    @Test
    void aVoicemailVerdictOutranksALaterPlainRequest() {
        control.endCall(SESSION, EndReason.VOICEMAIL);
        control.endCall(SESSION, EndReason.ENDED_FROM_PAGE);
        control.register(SESSION, call);
        assertThat(received).containsExactly(EndReason.VOICEMAIL);
    }

    @Test
    void aSessionThatHadAStreamGetsNoOtherEvenAfterItEnded() {
        assertThat(control.register(SESSION, call)).isTrue();
        assertThat(control.register(SESSION, received::add)).as("while live").isFalse();
        control.unregister(SESSION, call);

        assertThat(control.register(SESSION, received::add)).as("after it ended").isFalse();
        assertThat(control.liveCalls()).isZero();
    }

    @Test
    void aStaleEarlyRequestIsDropped() {
        control.endCall(SESSION, EndReason.ENDED_FROM_PAGE);
        now = now.plus(CallControl.KEEP_EARLY_REQUESTS).plusSeconds(1);
        control.register(SESSION, call);
        assertThat(received).isEmpty();
    }
}
