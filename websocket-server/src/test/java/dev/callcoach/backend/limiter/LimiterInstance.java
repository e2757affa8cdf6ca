package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.call.InMemoryCallSessions;
import dev.callcoach.backend.call.PostgresCallSessions;
import dev.callcoach.backend.db.DatabaseConfig;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.FallbackWriteBack;
import dev.callcoach.backend.phone.PhoneHasher;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.backend.testing.TestClock;
import dev.callcoach.contracts.channel.ChannelEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backend "instance" without Quarkus: the limiter's service objects wired by hand over a pool of their
 * own, as a second process would have them. Two Quarkus applications cannot run in one JVM, so tests of
 * several instances (and of a restarted one) use these. Nothing is shared with other instances but the
 * database. The scheduled jobs do not run: tests call {@link #probe()}, {@link #mirror} and {@link #expiry}.
 */
final class LimiterInstance implements AutoCloseable {

    final Pool pool;
    final TestClock clock = new TestClock();
    final MeterRegistry meters = new SimpleMeterRegistry();
    final DatabaseFailover failover;
    final PostgresLimiter postgres;
    final InMemoryLimiter memory;
    final PhoneLimiter limiter;
    final CallSessions sessions;
    final LimiterMirror mirror;
    final ReservationExpiry expiry;
    final List<ChannelEvent> published = new ArrayList<>();

    LimiterInstance(Vertx vertx, TestDatabase database, Config config, PhoneHasher hasher) {
        this.pool = database.newPool(vertx, config.poolSize);
        PostgresCallSessions postgresSessions = new PostgresCallSessions(pool);
        InMemoryCallSessions memorySessions = new InMemoryCallSessions(postgresSessions);
        this.postgres = new PostgresLimiter(pool, postgresSessions);
        this.memory = new InMemoryLimiter(memorySessions, postgres, config);
        List<FallbackWriteBack> writeBacks = List.of(memory, memorySessions);
        this.failover = new DatabaseFailover(pool, config, writeBacks,
                () -> PgConnection.connect(vertx, database.connectOptions())
                        .chain(connection -> connection.query("SELECT 1").execute().onTermination().call(connection::close))
                        .replaceWithVoid(),
                meters);
        this.limiter = new PhoneLimiter(hasher, config, failover, postgres, memory, clock, meters);
        this.sessions = new CallSessions(failover, postgresSessions, memorySessions, clock);
        this.mirror = new LimiterMirror(config, failover, postgres, postgresSessions, memory, clock);
        this.expiry = new ReservationExpiry(config, failover, postgres, memory, event -> {
            synchronized (published) {
                published.add(event);
            }
        }, clock);
    }

    /** Loads the mirror, as the instance does before it reports ready. */
    LimiterInstance started() {
        mirror.refresh().await().indefinitely();
        return this;
    }

    void probe() {
        failover.probe().await().indefinitely();
    }

    /** Reservations this instance decided, by outcome, reason and mode (its metrics). */
    double reservations(String outcome, String reason, String mode) {
        return Optional.ofNullable(Search.in(meters).name("callcoach.reservations")
                .tags("outcome", outcome, "reason", reason, "mode", mode).counter()).map(c -> c.count()).orElse(0.0);
    }

    @Override
    public void close() {
        pool.close().await().indefinitely();
    }

    /** The limiter's and database's settings, defaults as in production unless changed. */
    static final class Config implements LimiterConfig, DatabaseConfig {

        int poolSize = 8;
        int concurrentCap = 10;
        int dailyCap = 200;
        int fallbackBudget = 20;
        Duration queryTimeout = Duration.ofSeconds(2);

        Config concurrentCap(int cap) {
            this.concurrentCap = cap;
            return this;
        }

        Config dailyCap(int cap) {
            this.dailyCap = cap;
            return this;
        }

        Config fallbackBudget(int budget) {
            this.fallbackBudget = budget;
            return this;
        }

        Config poolSize(int size) {
            this.poolSize = size;
            return this;
        }

        @Override public Duration window() { return Duration.ofMinutes(60); }
        @Override public int maxCallsPerWindow() { return 2; }
        @Override public int concurrentCap() { return concurrentCap; }
        @Override public int dailyCap() { return dailyCap; }
        @Override public Duration openSessionTimeout() { return Duration.ofMinutes(15); }
        @Override public Duration concurrencyRetryAfter() { return Duration.ofSeconds(30); }
        @Override public Duration retention() { return Duration.ofHours(24); }
        @Override public Duration cleanupInterval() { return Duration.ofMinutes(5); }
        @Override public int cleanupBatchSize() { return 1000; }
        @Override public Duration placementTimeout() { return Duration.ofSeconds(60); }
        @Override public Duration expiryInterval() { return Duration.ofSeconds(5); }
        @Override public int fallbackMaxCallsPerWindow() { return 1; }
        @Override public int fallbackBudget() { return fallbackBudget; }
        @Override public Duration fallbackBudgetPeriod() { return Duration.ofHours(1); }
        @Override public Duration mirrorRefreshInterval() { return Duration.ofSeconds(10); }
        @Override public Duration busyRetryAfter() { return Duration.ofSeconds(2); }
        @Override public Duration queryTimeout() { return queryTimeout; }
        @Override public Duration lockTimeout() { return Duration.ofSeconds(1); }
        @Override public Duration statementTimeout() { return Duration.ofMillis(1500); }
        @Override public Duration fallbackProbeInterval() { return Duration.ofSeconds(1); }
        @Override public int maxInFlight() { return 64; }
    }

    static Map<String, String> interviewForm() {
        return Map.of("role", "barista");
    }
}
