package dev.callcoach.backend.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestClock;
import dev.callcoach.backend.testing.TestNumbers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LimiterCleanupTest {

    @Inject
    LimiterCleanup cleanup;
    @Inject
    PhoneLimiter limiter;
    @Inject
    LimiterConfig config;
    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    @AfterEach
    void reset() {
        clock.reset();
        Databases.truncate(pool);
    }

    @Test
    void deletesWhatNoRuleCountsAndSessionsPastRetentionInBatches() {
        Databases.truncate(pool);
        Instant now = clock.freeze();
        // More old rows than one batch holds, so the job has to loop.
        int old = config.cleanupBatchSize() * 2 + 500;
        insertOld("call_attempt", "INSERT INTO call_attempt (session_id, phone_hash, created_at) "
                + "SELECT gen_random_uuid(), decode(repeat('ab', 32), 'hex'), $1 FROM generate_series(1, $2)",
                now.minus(Duration.ofHours(25)), old);
        insertOld("call_session", "INSERT INTO call_session (id, phone_hash, scenario_id, scenario_config, voice, status, "
                + "created_at, updated_at) SELECT gen_random_uuid(), decode(repeat('ab', 32), 'hex'), 'job-interview', '{}', "
                + "'alloy', 'COMPLETED', $1, $1 FROM generate_series(1, $2)",
                now.minus(config.retention()).minusSeconds(1), old);
        String number = TestNumbers.fresh();
        Reservations.grant(limiter, number);

        int deleted = cleanup.run().await().indefinitely();

        assertThat(deleted).isEqualTo(2 * old);
        assertThat(count("call_attempt")).isEqualTo(1);
        assertThat(count("call_session")).isEqualTo(1);
        assertThat(limiter.check(number).await().indefinitely().callsLeft()).isEqualTo(1);
    }

    @Test
    void attemptsStayAsLongAsTheDailyCapCountsThem() {
        Databases.truncate(pool);
        clock.freeze();
        Reservations.grant(limiter, TestNumbers.fresh());
        clock.advance(Duration.ofHours(23));

        cleanup.run().await().indefinitely();

        // Outside the 60-minute window, but still one of the last 24 hours' calls.
        assertThat(count("call_attempt")).isEqualTo(1);
    }

    private void insertOld(String table, String sql, Instant createdAt, int rows) {
        pool.preparedQuery(sql).execute(Tuple.of(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), rows))
                .await().indefinitely();
        assertThat(count(table)).isEqualTo(rows);
    }

    private long count(String table) {
        return pool.query("SELECT count(*) FROM " + table).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
