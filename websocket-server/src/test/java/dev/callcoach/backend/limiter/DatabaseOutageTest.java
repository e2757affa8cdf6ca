package dev.callcoach.backend.limiter;

import static dev.callcoach.backend.testing.Reservations.granted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.call.InMemoryCallSessions;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.PostgresResource.InjectTestDatabase;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Postgres stops in the middle of the test and comes back, while the service keeps running. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class DatabaseOutageTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @InjectTestDatabase
    TestDatabase database;
    @Inject
    PhoneLimiter limiter;
    @Inject
    CallSessions sessions;
    @Inject
    DatabaseFailover failover;
    @Inject
    Pool pool;
    @Inject
    InMemoryLimiter memoryLimiter;
    @Inject
    InMemoryCallSessions memorySessions;

    @BeforeEach
    void needsAnEmbeddedDatabase() {
        Assumptions.assumeTrue(database.isEmbedded(), "an external TEST_DATABASE_URL cannot be stopped");
        Databases.truncate(pool);
        // Start from an empty memory too: other tests' sessions would count towards the caps in fallback.
        Instant farFuture = Instant.now().plus(Duration.ofDays(2));
        memoryLimiter.prune(farFuture);
        memorySessions.prune(farFuture);
    }

    @AfterEach
    void databaseIsBack() {
        // Whatever failed, the other tests need their database.
        if (!database.isRunning()) {
            database.restart();
        }
        await().until(() -> failover.mode() == DatabaseFailover.Mode.POSTGRES);
    }

    @Test
    void reservationsGoOnThroughTheFallbackAndPostgresIsBackWithinSecondsOfRestarting() {
        String usedUp = TestNumbers.fresh();
        CallSession running = granted(reserve(usedUp));
        granted(reserve(usedUp));
        sessions.placed(running.id(), "CA" + "2".repeat(32)).await().indefinitely();

        database.stop();

        // The number that used its calls just before the outage stays limited: this instance remembers.
        assertThat(reserve(usedUp)).isInstanceOf(Reservation.Refused.class);
        assertThat(failover.mode()).isEqualTo(DatabaseFailover.Mode.FALLBACK);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'limiter' }.data.'limiter.mode'", equalTo("fallback"))
                .body("checks.find { it.name == 'limiter' }.data.database", equalTo("down"));
        given().get(management.resolve("/q/metrics")).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("callcoach_limiter_fallback_active 1.0"));

        // New numbers get the fallback's stricter limit from memory: one call.
        String fresh = TestNumbers.fresh();
        CallSession duringOutage = granted(reserve(fresh));
        assertThat(reserve(fresh)).isInstanceOf(Reservation.Refused.class);
        String releasedNumber = TestNumbers.fresh();
        CallSession released = granted(reserve(releasedNumber));
        assertThat(limiter.release(released.id()).await().indefinitely().outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(limiter.check(releasedNumber).await().indefinitely().callsLeft()).isEqualTo(1);

        // The call that was running when the database went away can still be followed.
        assertThat(sessions.updateStatus(running.id(), CallStatus.IN_PROGRESS, Instant.now()).await().indefinitely().outcome())
                .isEqualTo(StatusUpdate.Outcome.APPLIED);
        assertThat(sessions.findById(duringOutage.id()).await().indefinitely()).isPresent();

        database.restart();
        await().atMost(Duration.ofSeconds(5)).until(() -> failover.mode() == DatabaseFailover.Mode.POSTGRES);

        given().get(management.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'limiter' }.data.'limiter.mode'", equalTo("postgres"));
        // What happened during the outage was handed over to Postgres.
        assertThat(statusInDatabase(duringOutage)).isEqualTo("RESERVED");
        assertThat(statusInDatabase(released)).isEqualTo("RELEASED");
        assertThat(statusInDatabase(running)).isEqualTo("IN_PROGRESS");
        assertThat(attemptsInDatabase(duringOutage)).isEqualTo(1);
        assertThat(attemptsInDatabase(released)).isZero();
        // And Postgres now limits the number granted from memory.
        assertThat(limiter.check(fresh).await().indefinitely().callsLeft()).isEqualTo(1);
        granted(reserve(fresh));
        assertThat(reserve(fresh)).isInstanceOf(Reservation.Refused.class);
    }

    private Reservation reserve(String number) {
        return Reservations.reserve(limiter, number);
    }

    private String statusInDatabase(CallSession session) {
        return pool.preparedQuery("SELECT status FROM call_session WHERE id = $1").execute(Tuple.of(session.id()))
                .await().indefinitely().iterator().next().getString(0);
    }

    private long attemptsInDatabase(CallSession session) {
        return pool.preparedQuery("SELECT count(*) FROM call_attempt WHERE session_id = $1").execute(Tuple.of(session.id()))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
