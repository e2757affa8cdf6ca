package dev.callcoach.backend.limiter;

import static dev.callcoach.backend.testing.Reservations.granted;
import static dev.callcoach.backend.testing.Reservations.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.phone.PhoneHasher;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestClock;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class PhoneLimiterTest {

    @Inject
    PhoneLimiter limiter;
    @Inject
    CallSessions sessions;
    @Inject
    PhoneHasher hasher;
    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    @BeforeEach
    void emptyTables() {
        // Every reserved session holds a slot of the global caps until it ends.
        Databases.truncate(pool);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void rollingWindowGrantsTwoRefusesTheThirdAndAllowsAgainOnceTheFirstAgesOut() {
        String number = TestNumbers.fresh();
        Instant start = clock.freeze();

        CallSession first = granted(reserve(number));
        assertThat(first.status()).isEqualTo(CallStatus.RESERVED);
        assertThat(first.phoneHash()).isEqualTo(hasher.hash(number).current());
        clock.advance(Duration.ofMinutes(10));
        granted(reserve(number));
        clock.advance(Duration.ofMinutes(5));

        assertThat(refusal(reserve(number))).isEqualTo(new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.ofMinutes(45)));
        PhoneAllowance spent = limiter.check(number).await().indefinitely();
        assertThat(spent.callsLeft()).isZero();
        assertThat(spent.nextAllowedAt()).isEqualTo(start.plus(Duration.ofMinutes(60)));

        // One second before the first attempt ages out it still counts; at exactly an hour it does not.
        clock.advance(Duration.ofMinutes(45).minusSeconds(1));
        assertThat(refusal(reserve(number)).retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.check(number).await().indefinitely().callsLeft()).isEqualTo(1);
        granted(reserve(number));
        assertThat(refusal(reserve(number)).retryAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void releaseGivesTheSlotBackOnlyOnce() {
        String number = TestNumbers.fresh();
        granted(reserve(number));
        CallSession second = granted(reserve(number));
        assertThat(reserve(number)).isInstanceOf(Reservation.Refused.class);

        StatusUpdate released = limiter.release(second.id()).await().indefinitely();
        assertThat(released.outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(released.session().orElseThrow().status()).isEqualTo(CallStatus.RELEASED);
        assertThat(released.session().orElseThrow().endedAt()).isNotNull();
        assertThat(limiter.release(second.id()).await().indefinitely().outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);

        assertThat(limiter.check(number).await().indefinitely().callsLeft()).isEqualTo(1);
        granted(reserve(number));
    }

    @Test
    void aPlacedCallCannotBeReleased() {
        CallSession session = granted(reserve(TestNumbers.fresh()));
        sessions.placed(session.id(), "CA" + "1".repeat(32)).await().indefinitely();

        StatusUpdate release = limiter.release(session.id()).await().indefinitely();

        assertThat(release.outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);
        assertThat(release.session().orElseThrow().status()).isEqualTo(CallStatus.QUEUED);
        assertThat(limiter.release(UUID.randomUUID()).await().indefinitely().outcome())
                .isEqualTo(StatusUpdate.Outcome.NOT_FOUND);
    }

    @Test
    void concurrencyCapCountsSessionsUntilTheyEnd() {
        int cap = limiter.rules().concurrentCap();
        CallSession first = granted(reserve(TestNumbers.fresh()));
        for (int i = 1; i < cap; i++) {
            granted(reserve(TestNumbers.fresh()));
        }

        assertThat(refusal(reserve(TestNumbers.fresh())))
                .isEqualTo(new Refusal(Refusal.Reason.CONCURRENCY_CAP, limiter.rules().concurrencyRetryAfter()));

        sessions.updateStatus(first.id(), CallStatus.NO_ANSWER, clock.instant()).await().indefinitely();
        granted(reserve(TestNumbers.fresh()));
    }

    @Test
    void aSessionThatNeverEndsStopsCountingAfterTheOpenSessionTimeout() {
        clock.freeze();
        for (int i = 0; i < limiter.rules().concurrentCap(); i++) {
            granted(reserve(TestNumbers.fresh()));
        }
        assertThat(refusal(reserve(TestNumbers.fresh())).reason()).isEqualTo(Refusal.Reason.CONCURRENCY_CAP);

        clock.advance(limiter.rules().openSessionTimeout());
        granted(reserve(TestNumbers.fresh()));
    }

    @Test
    void dailyCapRefusesUntilTheOldestAttemptOfTheDayAgesOut() {
        Instant now = clock.freeze();
        int cap = limiter.rules().dailyCap();
        // A full day's attempts, the oldest 20 hours ago; written directly, each for a different number.
        for (int i = 0; i < cap; i++) {
            pool.preparedQuery("INSERT INTO call_attempt (session_id, phone_hash, created_at) VALUES ($1, $2, $3)")
                    .execute(Tuple.of(UUID.randomUUID(), io.vertx.core.buffer.Buffer.buffer(hasher.hash(TestNumbers.fresh()).current().bytes()),
                            OffsetDateTime.ofInstant(now.minus(Duration.ofHours(20)).plusSeconds(i), ZoneOffset.UTC)))
                    .await().indefinitely();
        }

        assertThat(refusal(reserve(TestNumbers.fresh()))).isEqualTo(new Refusal(Refusal.Reason.DAILY_CAP, Duration.ofHours(4)));

        clock.advance(Duration.ofHours(4));
        granted(reserve(TestNumbers.fresh()));
        assertThat(refusal(reserve(TestNumbers.fresh())).reason()).isEqualTo(Refusal.Reason.DAILY_CAP);
    }

    private Reservation reserve(String number) {
        return Reservations.reserve(limiter, number);
    }
}
