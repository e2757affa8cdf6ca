package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.PostgresCallSessions;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Keeps {@link InMemoryLimiter}'s mirror in step with Postgres: every attempt of every instance within the
 * longest window the rules look back (the longer of the window and 24 h), and the sessions young enough to
 * hold a concurrency slot. Loaded at start before the instance reports ready, then refreshed every
 * {@code mirror-refresh-interval} while Postgres is up. Until the first load succeeds it retries every second.
 */
@ApplicationScoped
public class LimiterMirror {

    /** A ceiling on one load; the daily cap keeps the real number of rows far below it. */
    static final int MAX_ROWS = 100_000;
    private static final Logger LOG = Logger.getLogger(LimiterMirror.class);

    private final LimitRules rules;
    private final Duration refreshInterval;
    private final DatabaseFailover failover;
    private final PostgresLimiter attempts;
    private final PostgresCallSessions sessions;
    private final InMemoryLimiter memory;
    private final Clock clock;
    private final AtomicReference<Instant> lastRefresh = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    LimiterMirror(LimiterConfig config, DatabaseFailover failover, PostgresLimiter attempts, PostgresCallSessions sessions,
                  InMemoryLimiter memory, Clock clock) {
        this.rules = config.rules();
        this.refreshInterval = config.mirrorRefreshInterval();
        this.failover = failover;
        this.attempts = attempts;
        this.sessions = sessions;
        this.memory = memory;
        this.clock = clock;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "limiter-mirror")
    Uni<Void> scheduled() {
        Instant last = lastRefresh.get();
        boolean due = last == null || !Instant.now().isBefore(last.plus(refreshInterval));
        // Never loaded: keep trying, whatever the mode, since the instance is not ready until it has the mirror.
        if (memory.loaded() && (!due || !failover.usingDatabase())) {
            return Uni.createFrom().voidItem();
        }
        return refresh().invoke(() -> failing.set(false)).onFailure().recoverWithItem(failure -> {
            failover.report("mirror_refresh", failure);
            // Retried every second until loaded: one warning per run of failures, not one a second.
            if (failing.compareAndSet(false, true)) {
                LOG.warnf("event=mirror_refresh_failed loaded=%s cause=\"%s\"", memory.loaded(), failure.getMessage());
            }
            return null;
        });
    }

    /** Loads what Postgres holds into the mirror. */
    public Uni<Void> refresh() {
        Instant now = SqlValues.now(clock);
        return Uni.combine().all()
                .unis(attempts.recentAttempts(now.minus(rules.attemptHorizon()), MAX_ROWS),
                        sessions.createdAfter(rules.openSince(now), MAX_ROWS))
                .asTuple()
                .invoke(loaded -> {
                    boolean first = !memory.loaded();
                    memory.load(loaded.getItem1(), loaded.getItem2());
                    lastRefresh.set(Instant.now());
                    if (first) {
                        LOG.infof("event=mirror_loaded attempts=%d sessions=%d", loaded.getItem1().size(),
                                loaded.getItem2().size());
                    }
                })
                .replaceWithVoid();
    }
}
