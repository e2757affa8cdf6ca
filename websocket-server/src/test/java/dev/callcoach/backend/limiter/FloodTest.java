package dev.callcoach.backend.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.phone.PhoneHasher;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.PostgresResource.InjectTestDatabase;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.backend.testing.TestNumbers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flood of issue 10: 10,000 reservations at once for 1,000 numbers through two backend instances on one
 * PostgreSQL. Two Quarkus applications cannot run in one JVM, so the two instances are the limiter's service
 * objects wired by hand ({@link LimiterInstance}), each with a pool of its own (16 connections, the
 * production default). The clients retry "busy" answers, as the page does, until every reservation is decided.
 * Counts are asserted, never timings: exactly the concurrency cap is granted, no number more than twice,
 * nothing is decided from memory while Postgres is up, and the database holds exactly what the clients
 * were told was granted.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class FloodTest {

    private static final int RESERVATIONS = 10_000;
    private static final int NUMBERS = 1_000;
    /** Below 2 calls x 1,000 numbers, so both the per-number limit and the cap are in play. */
    private static final int CONCURRENT_CAP = 1_500;

    @InjectTestDatabase
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    Pool appPool;

    private final List<LimiterInstance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(LimiterInstance::close);
        Databases.truncate(appPool);
    }

    @Test
    void tenThousandConcurrentReservationsForAThousandNumbersThroughTwoInstancesStayWithinEveryLimit() {
        Databases.truncate(appPool);
        PhoneHasher hasher = new PhoneHasher("flood-test-secret-for-the-phone-hash-xxxxxxxx", Optional.empty());
        for (int i = 0; i < 2; i++) {
            LimiterInstance.Config config = new LimiterInstance.Config().concurrentCap(CONCURRENT_CAP).dailyCap(100_000)
                    .poolSize(16);
            LimiterInstance instance = new LimiterInstance(vertx, database, config, hasher);
            instances.add(instance);
            instance.started();
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < NUMBERS; i++) {
            numbers.add(TestNumbers.fresh());
        }

        AtomicInteger busy = new AtomicInteger();
        List<Uni<Reservation>> calls = new ArrayList<>();
        for (int i = 0; i < RESERVATIONS; i++) {
            // Every number is hit ten times, spread over the burst and over both instances.
            LimiterInstance instance = instances.get(i % 2);
            String number = numbers.get(i % NUMBERS);
            calls.add(untilDecided(instance, number, busy));
        }
        List<Reservation> results = Uni.join().all(calls).andFailFast().await().indefinitely();

        Set<UUID> granted = results.stream().filter(Reservation.Granted.class::isInstance)
                .map(r -> ((Reservation.Granted) r).session().id()).collect(Collectors.toSet());
        Map<Refusal.Reason, Long> refused = results.stream().filter(Reservation.Refused.class::isInstance)
                .collect(Collectors.groupingBy(r -> ((Reservation.Refused) r).refusal().reason(), TreeMap::new,
                        Collectors.counting()));
        System.out.printf("flood: %d reservations, %d granted, refused %s, %d busy answers retried%n", RESERVATIONS,
                granted.size(), refused, busy.get());

        assertThat(granted.size() + refused.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RESERVATIONS);
        // Every number was asked until decided: the cap binds before the per-number limits are used up.
        assertThat(granted).hasSize(CONCURRENT_CAP);
        assertThat(refused.keySet()).containsOnly(Refusal.Reason.PHONE_LIMIT, Refusal.Reason.CONCURRENCY_CAP);
        for (LimiterInstance instance : instances) {
            assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
            assertThat(instance.reservations("granted", "none", "fallback")).isZero();
        }
        // What Postgres holds is exactly what the clients were told: nothing committed after a "busy".
        Set<UUID> stored = new HashSet<>();
        appPool.query("SELECT id FROM call_session").execute().await().indefinitely().forEach(row -> stored.add(row.getUUID(0)));
        assertThat(stored).isEqualTo(granted);
        long mostCallsOfOneNumber = appPool.query("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM call_attempt GROUP BY phone_hash) c")
                .execute().await().indefinitely().iterator().next().getLong(0);
        assertThat(mostCallsOfOneNumber).isLessThanOrEqualTo(2);
        long open = appPool.query("SELECT count(*) FROM call_session WHERE ended_at IS NULL").execute().await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(open).isLessThanOrEqualTo(CONCURRENT_CAP);
    }

    /** A client that takes "busy" for what it says: it tries again a moment later, until it gets a decision. */
    private static Uni<Reservation> untilDecided(LimiterInstance instance, String number, AtomicInteger busy) {
        return Uni.createFrom().deferred(() -> instance.limiter.reserve(number, "job-interview", LimiterInstance.interviewForm(), "alloy"))
                .chain(reservation -> {
                    if (reservation instanceof Reservation.Refused refused && refused.refusal().reason() == Refusal.Reason.BUSY) {
                        busy.incrementAndGet();
                        return Uni.createFrom().failure(BUSY);
                    }
                    return Uni.createFrom().item(reservation);
                })
                .onFailure(BusyAnswer.class).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5).atMost(10_000);
    }

    private static final BusyAnswer BUSY = new BusyAnswer();

    /** Stackless: thousands are thrown, one per busy answer. */
    private static final class BusyAnswer extends RuntimeException {
        BusyAnswer() {
            super("busy", null, false, false);
        }
    }
}
