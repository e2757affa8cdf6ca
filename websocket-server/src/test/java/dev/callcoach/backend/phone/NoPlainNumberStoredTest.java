package dev.callcoach.backend.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.call.CallUsage;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.PlainNumberScan;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs every write path with real numbers, then looks for the numbers in every table. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class NoPlainNumberStoredTest {

    @Inject
    PhoneLimiter limiter;
    @Inject
    CallSessions sessions;
    @Inject
    Pool pool;

    @Test
    void noTableHoldsAPlainPhoneNumber() {
        String number = TestNumbers.fresh();
        CallSession placed = Reservations.grant(limiter, number);
        sessions.placed(placed.id(), "CA" + "f".repeat(32)).await().indefinitely();
        sessions.updateStatus(placed.id(), CallStatus.IN_PROGRESS, Instant.now()).await().indefinitely();
        sessions.recordUsage(placed.id(), new CallUsage(1, 2, 3, 4)).await().indefinitely();
        sessions.recordDuration(placed.id(), Duration.ofSeconds(42)).await().indefinitely();
        sessions.updateStatus(placed.id(), CallStatus.COMPLETED, Instant.now()).await().indefinitely();
        limiter.release(Reservations.grant(limiter, number).id()).await().indefinitely();
        limiter.check(number).await().indefinitely();

        assertThat(PlainNumberScan.find(pool, TestNumbers.issued())).isEmpty();
    }

    @Test
    void theScanFindsANumberInAnyFormatting() {
        String number = TestNumbers.fresh();
        String national = number.substring(2, 5) + "-" + number.substring(5, 8) + " " + number.substring(8);
        pool.query("CREATE TABLE scan_canary (note text)").execute().await().indefinitely();
        try {
            pool.preparedQuery("INSERT INTO scan_canary VALUES ($1)").execute(Tuple.of("call " + national))
                    .await().indefinitely();
            assertThat(PlainNumberScan.find(pool, List.of(number))).singleElement().asString().startsWith("scan_canary");
        } finally {
            pool.query("DROP TABLE scan_canary").execute().await().indefinitely();
        }
    }
}
