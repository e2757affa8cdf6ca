package dev.callcoach.backend.limiter;

import static dev.callcoach.backend.testing.Reservations.granted;
import static dev.callcoach.backend.testing.Reservations.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.health.LimiterReadinessCheck;
import dev.callcoach.backend.phone.HashedNumber;
import dev.callcoach.backend.phone.PhoneHasher;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.PostgresResource.InjectTestDatabase;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of issue 10 over a real PostgreSQL, with backend "instances" wired by hand ({@link LimiterInstance})
 * so that a restart is a new instance and two instances share nothing but the database.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LimitsUnderAttackTest {

    private static final String SECRET = "test-secret-one-for-the-phone-hash-xxxxxxxx";
    private static final String NEW_SECRET = "test-secret-two-for-the-phone-hash-yyyyyyyy";

    @InjectTestDatabase
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    Pool appPool;
    @Inject
    DatabaseFailover appFailover;

    private final List<LimiterInstance> instances = new ArrayList<>();
    private final PhoneHasher hasher = new PhoneHasher(SECRET, Optional.empty());

    @BeforeEach
    void emptyTables() {
        Databases.truncate(appPool);
    }

    @AfterEach
    void stopInstancesAndBringTheDatabaseBack() {
        instances.forEach(LimiterInstance::close);
        if (database.isEmbedded() && !database.isRunning()) {
            database.restart();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> appFailover.mode() == DatabaseFailover.Mode.POSTGRES);
    }

    @Test
    void aRestartedInstanceLoadsTheRecentAttemptsSoAnOutageGivesNoFreshCalls() {
        org.junit.jupiter.api.Assumptions.assumeTrue(database.isEmbedded(), "an external database cannot be stopped");
        String number = TestNumbers.fresh();
        LimiterInstance before = instance(new LimiterInstance.Config(), hasher).started();
        granted(reserve(before, number));
        granted(reserve(before, number));
        before.close();
        instances.remove(before);

        LimiterInstance restarted = instance(new LimiterInstance.Config(), hasher);
        assertThat(readiness(restarted)).isEqualTo(HealthCheckResponse.Status.DOWN);
        restarted.started();
        assertThat(readiness(restarted)).isEqualTo(HealthCheckResponse.Status.UP);
        LimiterInstance neverLoaded = instance(new LimiterInstance.Config(), hasher);
        database.stop();

        assertThat(refusal(reserve(restarted, number)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        assertThat(restarted.failover.mode()).isEqualTo(DatabaseFailover.Mode.FALLBACK);
        // An instance that could not load what Postgres knows grants nothing from memory.
        assertThat(refusal(reserve(neverLoaded, TestNumbers.fresh())).reason()).isEqualTo(Refusal.Reason.OUTAGE);
        assertThat(readiness(neverLoaded)).isEqualTo(HealthCheckResponse.Status.DOWN);
        // Once loaded, readiness stays up through the outage: every instance shares the one database.
        assertThat(readiness(restarted)).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void theFallbackAllowsOneCallPerNumberAndAnOutageBudgetAndWritesBackOnRecovery() {
        org.junit.jupiter.api.Assumptions.assumeTrue(database.isEmbedded(), "an external database cannot be stopped");
        LimiterInstance instance = instance(new LimiterInstance.Config().fallbackBudget(2), hasher).started();
        instance.clock.freeze();
        database.stop();

        String first = TestNumbers.fresh();
        CallSession duringOutage = granted(reserve(instance, first));
        assertThat(refusal(reserve(instance, first)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        assertThat(instance.limiter.check(first).await().indefinitely().callsLeft()).isZero();
        granted(reserve(instance, TestNumbers.fresh()));
        Refusal budgetSpent = refusal(reserve(instance, TestNumbers.fresh()));
        assertThat(budgetSpent.reason()).isEqualTo(Refusal.Reason.OUTAGE);
        assertThat(budgetSpent.retryAfter()).isEqualTo(Duration.ofHours(1));

        database.restart();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            instance.probe();
            assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
        });
        assertThat(attemptsOf(hasher.hash(first))).isEqualTo(1);
        assertThat(sessionStatus(duringOutage)).isEqualTo("RESERVED");
        // Back on Postgres, the normal limit: one more call for the number.
        granted(reserve(instance, first));
        assertThat(refusal(reserve(instance, first)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
    }

    @Test
    void aNumberLockHeldByAnotherConnectionIsBusyNotFallbackAndNothingCommitsLater() throws Exception {
        LimiterInstance instance = instance(new LimiterInstance.Config(), hasher).started();
        String number = TestNumbers.fresh();
        HashedNumber hashed = hasher.hash(number);
        Pool holder = database.newPool(vertx, 1);
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> unlocked = new CompletableFuture<>();
        holder.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(hashed.current().lockKey()))
                        .invoke(() -> locked.complete(null))
                        .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(3))))
                .subscribe().with(done -> unlocked.complete(null), unlocked::completeExceptionally);
        locked.get(10, TimeUnit.SECONDS);

        Refusal refusal = refusal(reserve(instance, number));

        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.BUSY);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
        assertThat(unlocked).isNotDone();
        assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
        unlocked.get(10, TimeUnit.SECONDS);
        // Longer than any timeout of the abandoned transaction: had it been left to run, it would have committed.
        Thread.sleep(2_500);
        assertThat(attemptsOf(hashed)).isZero();
        assertThat(sessionsOf(hashed)).isZero();
        assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
        // And the number is free as soon as the lock is.
        granted(reserve(instance, number));
        holder.close().await().indefinitely();
    }

    @Test
    void aReservationWhoseReplyCameTooLateIsReleasedAndGivesTheCallBack() {
        LimiterInstance instance = instance(new LimiterInstance.Config(), hasher).started();
        String number = TestNumbers.fresh();
        CallSession late = granted(reserve(instance, number));
        granted(reserve(instance, number));

        // The webapp stopped waiting and sends call.release for the session in the late call.reserved.
        StatusUpdate released = instance.limiter.release(late.id()).await().indefinitely();

        assertThat(released.outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(sessionStatus(late)).isEqualTo("RELEASED");
        assertThat(instance.limiter.check(number).await().indefinitely().callsLeft()).isEqualTo(1);
        // A repeat of the release changes nothing.
        assertThat(instance.limiter.release(late.id()).await().indefinitely().outcome()).isEqualTo(StatusUpdate.Outcome.IGNORED);
    }

    @Test
    void aReservationNeverPlacedExpiresAndAnUnknownPlacementEndsFailedKeepingItsAttempt() {
        LimiterInstance instance = instance(new LimiterInstance.Config().concurrentCap(2), hasher).started();
        instance.clock.freeze();
        String abandonedNumber = TestNumbers.fresh();
        String unknownNumber = TestNumbers.fresh();
        CallSession abandoned = granted(reserve(instance, abandonedNumber));
        CallSession unknown = granted(reserve(instance, unknownNumber));
        assertThat(instance.sessions.placementUnknown(unknown.id()).await().indefinitely().outcome())
                .isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(refusal(reserve(instance, TestNumbers.fresh())).reason()).isEqualTo(Refusal.Reason.CONCURRENCY_CAP);

        instance.clock.advance(Duration.ofSeconds(59));
        assertThat(instance.expiry.run().await().indefinitely().isEmpty()).isTrue();
        instance.clock.advance(Duration.ofSeconds(2));
        ExpiredPlacements expired = instance.expiry.run().await().indefinitely();

        assertThat(expired.released()).extracting(CallSession::id).containsExactly(abandoned.id());
        assertThat(expired.failed()).extracting(CallSession::id).containsExactly(unknown.id());
        assertThat(sessionStatus(abandoned)).isEqualTo("RELEASED");
        assertThat(sessionStatus(unknown)).isEqualTo("FAILED");
        // The abandoned reservation gives its call back; the unknown one may have rung, so it keeps counting.
        assertThat(attemptsOf(hasher.hash(abandonedNumber))).isZero();
        assertThat(attemptsOf(hasher.hash(unknownNumber))).isEqualTo(1);
        assertThat(instance.published).extracting(event -> ((CallStatusChanged) event).status())
                .containsExactlyInAnyOrder(CallStatus.RELEASED, CallStatus.FAILED);
        // Both slots are free again.
        granted(reserve(instance, TestNumbers.fresh()));
        granted(reserve(instance, TestNumbers.fresh()));
    }

    @Test
    void duringAnOutageTheExpiryFreesSlotsButGivesNoCallBack() {
        org.junit.jupiter.api.Assumptions.assumeTrue(database.isEmbedded(), "an external database cannot be stopped");
        LimiterInstance instance = instance(new LimiterInstance.Config(), hasher).started();
        instance.clock.freeze();
        String number = TestNumbers.fresh();
        CallSession abandoned = granted(reserve(instance, number));
        database.stop();
        instance.clock.advance(Duration.ofSeconds(61));

        ExpiredPlacements expired = instance.expiry.run().await().indefinitely();

        assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.FALLBACK);
        assertThat(expired.released()).extracting(CallSession::id).containsExactly(abandoned.id());
        assertThat(expired.attemptsGivenBack()).isFalse();
        // This instance's copy may be stale (the call placed through another instance): the attempt keeps counting.
        assertThat(instance.limiter.check(number).await().indefinitely().callsLeft()).isZero();
        database.restart();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            instance.probe();
            assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
        });
        assertThat(sessionStatus(abandoned)).isEqualTo("RELEASED");
        assertThat(attemptsOf(hasher.hash(number))).isEqualTo(1);
    }

    @Test
    void aStatusCallbackAfterAnUnknownPlacementKeepsTheCallAlive() {
        LimiterInstance instance = instance(new LimiterInstance.Config(), hasher).started();
        instance.clock.freeze();
        CallSession unknown = granted(reserve(instance, TestNumbers.fresh()));
        instance.sessions.placementUnknown(unknown.id()).await().indefinitely();
        instance.sessions.updateStatus(unknown.id(), CallStatus.RINGING, instance.clock.instant()).await().indefinitely();

        instance.clock.advance(Duration.ofMinutes(2));

        assertThat(instance.expiry.run().await().indefinitely().isEmpty()).isTrue();
        assertThat(sessionStatus(unknown)).isEqualTo("RINGING");
    }

    @Test
    void instancesOnTheOldAndTheNewSecretSeeEachOthersAttempts() {
        PhoneHasher oldSecret = new PhoneHasher(SECRET, Optional.empty());
        PhoneHasher rotated = new PhoneHasher(NEW_SECRET, Optional.of(SECRET));
        LimiterInstance oldInstance = instance(new LimiterInstance.Config(), oldSecret).started();
        LimiterInstance newInstance = instance(new LimiterInstance.Config(), rotated).started();
        String usedOnOld = TestNumbers.fresh();
        String usedOnNew = TestNumbers.fresh();
        String mixed = TestNumbers.fresh();

        granted(reserve(oldInstance, usedOnOld));
        granted(reserve(oldInstance, usedOnOld));
        granted(reserve(newInstance, usedOnNew));
        granted(reserve(newInstance, usedOnNew));
        granted(reserve(oldInstance, mixed));
        granted(reserve(newInstance, mixed));

        assertThat(refusal(reserve(newInstance, usedOnOld)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        assertThat(refusal(reserve(oldInstance, usedOnNew)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        assertThat(refusal(reserve(oldInstance, mixed)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        assertThat(refusal(reserve(newInstance, mixed)).reason()).isEqualTo(Refusal.Reason.PHONE_LIMIT);
        // One row per call, whichever secret: the daily cap counts each call once.
        assertThat(appPool.query("SELECT count(*) FROM call_attempt").execute().await().indefinitely()
                .iterator().next().getLong(0)).isEqualTo(6);
    }

    private static HealthCheckResponse.Status readiness(LimiterInstance instance) {
        return new LimiterReadinessCheck(instance.failover, instance.memory).call().getStatus();
    }

    private LimiterInstance instance(LimiterInstance.Config config, PhoneHasher hasher) {
        LimiterInstance instance = new LimiterInstance(vertx, database, config, hasher);
        instances.add(instance);
        return instance;
    }

    private static Reservation reserve(LimiterInstance instance, String number) {
        return Reservations.reserve(instance.limiter, number);
    }

    private long attemptsOf(HashedNumber number) {
        return count("SELECT count(*) FROM call_attempt WHERE phone_hash = $1 OR previous_hash = $1", number);
    }

    private long sessionsOf(HashedNumber number) {
        return count("SELECT count(*) FROM call_session WHERE phone_hash = $1", number);
    }

    private long count(String sql, HashedNumber number) {
        return appPool.preparedQuery(sql).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(number.current().bytes())))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private String sessionStatus(CallSession session) {
        return appPool.preparedQuery("SELECT status FROM call_session WHERE id = $1").execute(Tuple.of(session.id()))
                .await().indefinitely().iterator().next().getString(0);
    }
}
