package dev.callcoach.backend.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.PostgresCallSessions;
import dev.callcoach.backend.phone.HashedNumber;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two backend "instances": two limiters, each on a pool of its own, against one database. Whatever
 * exactness there is comes from Postgres' locks, since the two share no JVM state.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class TwoInstancesTest {

    private static final int RESERVATIONS = 500;

    @InjectTestDatabase
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    PhoneHasher hasher;
    @Inject
    PhoneLimiter appLimiter;
    @Inject
    Pool appPool;

    private final List<Pool> pools = new ArrayList<>();
    private final List<PostgresLimiter> instances = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() {
        Databases.truncate(appPool);
        for (int i = 0; i < 2; i++) {
            Pool pool = database.newPool(vertx, 8);
            pools.add(pool);
            instances.add(new PostgresLimiter(pool, new PostgresCallSessions(pool)));
        }
    }

    @AfterEach
    void stopThem() {
        pools.forEach(pool -> pool.close().await().indefinitely());
        Databases.truncate(appPool);
    }

    @Test
    void fiveHundredConcurrentReservationsForOneNumberGrantExactlyTheLimit() {
        HashedNumber number = hasher.hash(TestNumbers.fresh());

        List<Reservation> results = reserveConcurrently(i -> number);

        assertThat(granted(results)).hasSize(appLimiter.rules().maxPerWindow());
        assertThat(results).filteredOn(r -> r instanceof Reservation.Refused refused
                && refused.refusal().reason() == Refusal.Reason.PHONE_LIMIT).hasSize(RESERVATIONS - 2);
    }

    @Test
    void fiveHundredConcurrentReservationsForDifferentNumbersGrantExactlyTheConcurrencyCap() {
        List<HashedNumber> numbers = new ArrayList<>();
        for (int i = 0; i < RESERVATIONS; i++) {
            numbers.add(hasher.hash(TestNumbers.fresh()));
        }

        List<Reservation> results = reserveConcurrently(numbers::get);

        assertThat(granted(results)).hasSize(appLimiter.rules().concurrentCap());
        assertThat(results).filteredOn(r -> r instanceof Reservation.Refused refused
                && refused.refusal().reason() == Refusal.Reason.CONCURRENCY_CAP).hasSize(RESERVATIONS - 10);
    }

    /** Fires all reservations at once, alternating between the two instances, and waits for every answer. */
    private List<Reservation> reserveConcurrently(IntFunction<HashedNumber> numberOf) {
        List<Uni<Reservation>> calls = new ArrayList<>();
        for (int i = 0; i < RESERVATIONS; i++) {
            HashedNumber number = numberOf.apply(i);
            CallSession candidate = CallSession.reserved(UUID.randomUUID(), number.current(), "job-interview",
                    Map.of(), "alloy", Instant.now());
            PostgresLimiter instance = instances.get(i % 2);
            calls.add(pools.get(i % 2).withTransaction(tx -> instance.reserve(tx, number, candidate, appLimiter.rules())));
        }
        return Uni.join().all(calls).andFailFast().await().indefinitely();
    }

    private static List<CallSession> granted(List<Reservation> results) {
        return results.stream()
                .filter(Reservation.Granted.class::isInstance)
                .map(r -> ((Reservation.Granted) r).session())
                .toList();
    }
}
