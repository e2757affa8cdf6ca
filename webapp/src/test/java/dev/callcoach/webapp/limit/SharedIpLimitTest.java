package dev.callcoach.webapp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two webapp instances on one real PostgreSQL count against one allowance per client. */
class SharedIpLimitTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void twoInstancesOnOnePostgresShareTheLimit() throws SQLException {
        IpLimitProperties properties = properties();
        try (PostgresIpBuckets first = PostgresIpBuckets.connect(properties, new SimpleMeterRegistry());
             PostgresIpBuckets second = PostgresIpBuckets.connect(properties, new SimpleMeterRegistry())) {
            IpLimiter a = new IpLimiter(properties, first, new SimpleMeterRegistry());
            IpLimiter b = new IpLimiter(properties, second, new SimpleMeterRegistry());

            for (int i = 0; i < 10; i++) {
                IpLimiter limiter = i % 2 == 0 ? a : b;
                assertThat(limiter.tryAcquire("203.0.113.9").allowed()).as("placement %d", i + 1).isTrue();
            }
            IpLimiter.Decision eleventhOnA = a.tryAcquire("203.0.113.9");
            IpLimiter.Decision eleventhOnB = b.tryAcquire("203.0.113.9");

            assertThat(eleventhOnA.allowed()).isFalse();
            assertThat(eleventhOnB.allowed()).isFalse();
            assertThat(eleventhOnB.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
            // An IPv6 /64 is one client there too, and other clients are untouched.
            assertThat(a.tryAcquire("2001:db8:5::1").allowed()).isTrue();
            assertThat(b.tryAcquire("198.51.100.20").allowed()).isTrue();
            assertThat(rows()).isEqualTo(3);
        }
    }

    @Test
    void aDatabaseUrlThatCannotBeReachedCountsInMemoryInstead() {
        IpLimitProperties properties = new IpLimitProperties(1, Duration.ofMinutes(15), "", 1000, 64,
                "postgres://nobody:secret@127.0.0.1:1/none");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PostgresIpBuckets buckets = PostgresIpBuckets.connect(properties, meters)) {
            IpLimiter limiter = new IpLimiter(properties, buckets, meters);

            assertThat(limiter.tryAcquire("203.0.113.50").allowed()).isTrue();
            assertThat(limiter.tryAcquire("203.0.113.50").allowed()).as("still limited").isFalse();
            assertThat(meters.get("callcoach.ip_limit.database_unavailable").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void aClientsRowLockedPastTheTimeoutIsBusyAndNotCountedInMemory() throws SQLException {
        IpLimitProperties properties = properties();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PostgresIpBuckets buckets = PostgresIpBuckets.connect(properties, meters);
             Connection other = postgres.getPostgresDatabase().getConnection()) {
            IpLimiter limiter = new IpLimiter(properties, buckets, meters);
            assertThat(limiter.tryAcquire("192.0.2.77").allowed()).isTrue();
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT * FROM " + PostgresIpBuckets.TABLE + " WHERE id = '192.0.2.77' FOR UPDATE");

            IpLimiter.Decision whileLocked = limiter.tryAcquire("192.0.2.77");
            other.rollback();

            assertThat(whileLocked.allowed()).isFalse();
            assertThat(whileLocked.busy()).isTrue();
            assertThat(meters.get("callcoach.ip_limit.database_unavailable").counter().count()).isZero();
            assertThat(limiter.tryAcquire("192.0.2.77").allowed()).as("answered again once the lock is gone").isTrue();
        }
    }

    private static int rows() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + PostgresIpBuckets.TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static IpLimitProperties properties() {
        return new IpLimitProperties(10, Duration.ofMinutes(15), "", 1000, 64,
                "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
    }
}
