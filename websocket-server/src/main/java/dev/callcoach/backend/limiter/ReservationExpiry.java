package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.contracts.channel.CallStatusChanged;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Ends placements that never happened, so a webapp that crashed between reserving and placing, or a
 * Twilio request whose outcome nobody learned, cannot hold a concurrency slot: a reservation with no
 * {@code call.placed} within {@code placement-timeout} is released and the number's attempt given back; a
 * placement reported unknown that Twilio did not confirm with a status callback within the same time
 * fails, freeing the slot but keeping the attempt, since Twilio may have called the number. Safe on
 * several instances at once: each update claims its rows atomically.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    static final String EXPIRED_DETAIL = "not placed in time";
    static final String UNCONFIRMED_DETAIL = "placement outcome unknown and never confirmed";

    private final Duration placementTimeout;
    private final DatabaseFailover failover;
    private final PostgresLimiter postgres;
    private final InMemoryLimiter memory;
    private final CallEventPublisher events;
    private final Clock clock;

    ReservationExpiry(LimiterConfig config, DatabaseFailover failover, PostgresLimiter postgres, InMemoryLimiter memory,
                      CallEventPublisher events, Clock clock) {
        this.placementTimeout = config.placementTimeout();
        this.failover = failover;
        this.postgres = postgres;
        this.memory = memory;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "${callcoach.limiter.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "reservation-expiry")
    Uni<Void> scheduled() {
        return run().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.debugf("event=expiry_failed cause=\"%s\"", failure.getMessage());
            return null;
        });
    }

    /** One pass: ends what waited longer than the placement timeout, and tells the session's subscribers. */
    public Uni<ExpiredPlacements> run() {
        Instant now = SqlValues.now(clock);
        Instant before = now.minus(placementTimeout);
        return failover.transaction("expire",
                        // After the commit, never before: memory must not forget attempts a rollback kept.
                        tx -> postgres.expire(tx, before, now),
                        () -> Uni.createFrom().item(memory.expire(before, now)))
                .invoke(expired -> {
                    expired.released().forEach(session -> {
                        if (expired.attemptsGivenBack()) {
                            memory.mirrorRelease(StatusUpdate.applied(session));
                        }
                        announce(session, EXPIRED_DETAIL);
                    });
                    expired.failed().forEach(session -> announce(session, UNCONFIRMED_DETAIL));
                    if (!expired.isEmpty()) {
                        LOG.infof("event=placements_expired released=%d failed=%d", expired.released().size(),
                                expired.failed().size());
                    }
                });
    }

    private void announce(CallSession session, String detail) {
        LOG.infof("event=placement_expired session=%s status=%s", session.id(), session.status().wireName());
        events.publish(new CallStatusChanged(session.id(), session.status(), session.updatedAt(), detail));
    }
}
