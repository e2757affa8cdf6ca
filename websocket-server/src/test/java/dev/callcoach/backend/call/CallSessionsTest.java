package dev.callcoach.backend.call;

import static dev.callcoach.contracts.channel.CallStatus.COMPLETED;
import static dev.callcoach.contracts.channel.CallStatus.IN_PROGRESS;
import static dev.callcoach.contracts.channel.CallStatus.QUEUED;
import static dev.callcoach.contracts.channel.CallStatus.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CallSessionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Inject
    CallSessions sessions;
    @Inject
    PhoneLimiter limiter;
    @Inject
    Pool pool;

    @BeforeEach
    void emptyTables() {
        // Every reserved session holds a slot of the global concurrency cap until it ends.
        Databases.truncate(pool);
    }

    @Test
    void reservedSessionKeepsWhatWasAskedFor() {
        CallSession session = reserve();

        CallSession stored = sessions.findById(session.id()).await().indefinitely().orElseThrow();

        assertThat(stored).isEqualTo(session);
        assertThat(stored.scenarioConfig()).containsEntry("role", "barista");
        assertThat(sessions.findById(UUID.randomUUID()).await().indefinitely()).isEmpty();
    }

    @Test
    void outOfOrderAndRepeatedCallbacksNeverMoveAStatusBack() {
        UUID id = reserve().id();

        assertThat(update(id, RINGING, T0).outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(update(id, QUEUED, T0.plusSeconds(1)).outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);
        assertThat(update(id, RINGING, T0.plusSeconds(2)).outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);
        StatusUpdate answered = update(id, IN_PROGRESS, T0.plusSeconds(5));
        assertThat(answered.session().orElseThrow().answeredAt()).isEqualTo(T0.plusSeconds(5));
        StatusUpdate completed = update(id, COMPLETED, T0.plusSeconds(65));
        assertThat(completed.outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(completed.session().orElseThrow().endedAt()).isEqualTo(T0.plusSeconds(65));

        StatusUpdate late = update(id, IN_PROGRESS, T0.plusSeconds(70));
        assertThat(late.outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);
        assertThat(late.session().orElseThrow().status()).isEqualTo(COMPLETED);
        assertThat(update(id, CallStatus.FAILED, T0.plusSeconds(71)).session().orElseThrow().status()).isEqualTo(COMPLETED);
        assertThat(update(UUID.randomUUID(), COMPLETED, T0).outcome()).isEqualTo(StatusUpdate.Outcome.NOT_FOUND);
    }

    @Test
    void theLimiterOwnsReservedAndReleased() {
        UUID id = reserve().id();
        assertThatThrownBy(() -> sessions.updateStatus(id, CallStatus.RELEASED, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions.updateStatus(id, CallStatus.RESERVED, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placedBindsTheCallSidOnceAndRepeatsAreHarmless() {
        CallSession session = reserve();
        String sid = "CA" + "a".repeat(32);

        SidBinding bound = sessions.placed(session.id(), sid).await().indefinitely();
        assertThat(bound.outcome()).isEqualTo(SidBinding.Outcome.BOUND);
        assertThat(bound.session().orElseThrow().status()).isEqualTo(QUEUED);
        assertThat(bound.session().orElseThrow().callSid()).isEqualTo(sid);

        assertThat(sessions.placed(session.id(), sid).await().indefinitely().outcome()).isEqualTo(SidBinding.Outcome.ALREADY_BOUND);
        assertThat(sessions.placed(session.id(), "CA" + "b".repeat(32)).await().indefinitely().outcome())
                .isEqualTo(SidBinding.Outcome.CONFLICT);
        assertThat(sessions.placed(reserve().id(), sid).await().indefinitely().outcome())
                .isEqualTo(SidBinding.Outcome.CONFLICT);
        assertThat(sessions.placed(UUID.randomUUID(), "CA" + "c".repeat(32)).await().indefinitely().outcome())
                .isEqualTo(SidBinding.Outcome.NOT_FOUND);
    }

    @Test
    void placedAfterTwilioAlreadyReportedProgressKeepsTheProgress() {
        CallSession session = reserve();
        update(session.id(), RINGING, T0);

        SidBinding bound = sessions.placed(session.id(), "CA" + "d".repeat(32)).await().indefinitely();

        assertThat(bound.session().orElseThrow().status()).isEqualTo(RINGING);
    }

    @Test
    void aReleasedSessionCannotBePlaced() {
        CallSession session = reserve();
        limiter.release(session.id()).await().indefinitely();

        SidBinding binding = sessions.placed(session.id(), "CA" + "e".repeat(32)).await().indefinitely();

        assertThat(binding.outcome()).isEqualTo(SidBinding.Outcome.CONFLICT);
        assertThat(binding.problem()).contains("released");
    }

    @Test
    void usageAddsUpAndDurationIsKept() {
        UUID id = reserve().id();

        sessions.recordUsage(id, new CallUsage(100, 50, 80, 40)).await().indefinitely();
        CallSession after = sessions.recordUsage(id, new CallUsage(10, 5, 8, 4)).await().indefinitely().orElseThrow();
        assertThat(after.usage()).isEqualTo(new CallUsage(110, 55, 88, 44));

        assertThat(sessions.recordDuration(id, Duration.ofSeconds(93)).await().indefinitely().orElseThrow().duration())
                .isEqualTo(Duration.ofSeconds(93));
        assertThat(sessions.recordUsage(UUID.randomUUID(), CallUsage.NONE).await().indefinitely()).isEmpty();
    }

    private StatusUpdate update(UUID id, CallStatus status, Instant at) {
        return sessions.updateStatus(id, status, at).await().indefinitely();
    }

    private CallSession reserve() {
        return Reservations.grant(limiter, TestNumbers.fresh());
    }
}
