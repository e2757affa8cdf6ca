package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.InMemorySessionStore;
import dev.callcoach.backend.db.DatabaseBusyException;
import dev.callcoach.contracts.channel.CallStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VoiceAnswersTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final CallCapacity capacity = new CallCapacity(2);
    private final VoiceAnswers answers = new VoiceAnswers(sessions, new PublicUrls("https://cc.example"),
            Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC), capacity);

    @Test
    void aLiveSessionIsConnectedToTheMediaStream() {
        UUID id = sessions.add(session(CallStatus.RINGING, NOW.minusSeconds(30)));
        assertThat(answers.twimlFor(id.toString()).await().indefinitely())
                .contains("<Stream url=\"wss://cc.example/twilio/media/" + id + "\">")
                .contains("<Parameter name=\"sessionId\" value=\"" + id + "\"/>");
    }

    @Test
    void unknownOverExpiredOrMalformedSessionsGetAnApology() {
        UUID over = sessions.add(session(CallStatus.COMPLETED, NOW.minusSeconds(30)));
        UUID expired = sessions.add(session(CallStatus.RINGING, NOW.minus(Duration.ofMinutes(16))));
        for (String id : new String[] {over.toString(), expired.toString(), UUID.randomUUID().toString(), "not-a-uuid"}) {
            assertThat(answers.twimlFor(id).await().indefinitely()).as(id).contains("<Say>Sorry").contains("<Hangup/>");
        }
    }

    @Test
    void aFullInstanceApologisesUntilACallEnds() {
        UUID id = sessions.add(session(CallStatus.RINGING, NOW.minusSeconds(30)));
        capacity.callStarted();
        capacity.callStarted();

        assertThat(answers.twimlFor(id.toString()).await().indefinitely())
                .contains("<Say>Sorry").contains("<Hangup/>").doesNotContain("<Stream");

        capacity.callEnded();
        assertThat(answers.twimlFor(id.toString()).await().indefinitely()).contains("<Stream url=");
    }

    @Test
    void aDatabaseTooBusyToAnswerGetsAnApologyNotAnError() {
        UUID id = sessions.add(session(CallStatus.RINGING, NOW.minusSeconds(30)));
        sessions.failFinds(new DatabaseBusyException("session_find", null));

        assertThat(answers.twimlFor(id.toString()).await().indefinitely())
                .contains("<Say>Sorry").contains("<Hangup/>").doesNotContain("<Stream");
    }

    static CallSession session(CallStatus status, Instant createdAt) {
        return InMemorySessionStore.session(status, createdAt, "job-interview", Map.of("role", "Developer", "difficulty", "tough"));
    }
}
