package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.InMemoryCallSessions;
import dev.callcoach.backend.call.PostgresCallSessions;
import dev.callcoach.backend.db.BatchDeletes;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes attempts no rule counts any more and sessions past their retention, in batches so no statement
 * holds locks for long, and trims this instance's in-memory copies. Running on several instances at once
 * is harmless: the deletes are idempotent.
 */
@ApplicationScoped
public class LimiterCleanup {

    private static final Logger LOG = Logger.getLogger(LimiterCleanup.class);

    private final LimiterConfig config;
    private final DatabaseFailover failover;
    private final PostgresLimiter attempts;
    private final PostgresCallSessions sessions;
    private final InMemoryLimiter memoryAttempts;
    private final InMemoryCallSessions memorySessions;
    private final Clock clock;

    LimiterCleanup(LimiterConfig config, DatabaseFailover failover, PostgresLimiter attempts, PostgresCallSessions sessions,
                   InMemoryLimiter memoryAttempts, InMemoryCallSessions memorySessions, Clock clock) {
        this.config = config;
        this.failover = failover;
        this.attempts = attempts;
        this.sessions = sessions;
        this.memoryAttempts = memoryAttempts;
        this.memorySessions = memorySessions;
        this.clock = clock;
    }

    @Scheduled(every = "${callcoach.limiter.cleanup-interval}", delayed = "${callcoach.limiter.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "limiter-cleanup")
    Uni<Void> scheduled() {
        return run().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            failover.report("cleanup", failure);
            LOG.warnf("event=cleanup_failed cause=\"%s\"", failure.getMessage());
            return null;
        });
    }

    /** One cleanup pass; returns how many rows were deleted from Postgres. */
    public Uni<Integer> run() {
        LimitRules rules = config.rules();
        Instant now = SqlValues.now(clock);
        Instant attemptsBefore = now.minus(rules.attemptHorizon());
        memoryAttempts.prune(attemptsBefore);
        // In-memory sessions only serve look-ups of running calls; none runs longer than this.
        memorySessions.prune(rules.openSince(now));
        if (!failover.usingDatabase()) {
            return Uni.createFrom().item(0);
        }
        Instant sessionsBefore = now.minus(config.retention());
        int batchSize = config.cleanupBatchSize();
        return BatchDeletes.untilShort(batchSize, () -> attempts.deleteAttemptsBefore(attemptsBefore, batchSize))
                .chain(deletedAttempts -> BatchDeletes.untilShort(batchSize, () -> sessions.deleteCreatedBefore(sessionsBefore, batchSize))
                        .invoke(deletedSessions -> {
                            if (deletedAttempts + deletedSessions > 0) {
                                LOG.infof("event=cleanup attempts_deleted=%d sessions_deleted=%d", deletedAttempts, deletedSessions);
                            }
                        })
                        .map(deletedSessions -> deletedAttempts + deletedSessions));
    }
}
