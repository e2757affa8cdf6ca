package dev.callcoach.backend.call;

import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** {@link SessionStore} over the limiter's {@link CallSessions} (Postgres, or memory while it is away). */
@ApplicationScoped
class LimiterSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(LimiterSessionStore.class);

    private final CallSessions sessions;

    LimiterSessionStore(CallSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<Optional<CallSession>> find(UUID id) {
        return sessions.findById(id);
    }

    @Override
    public Uni<Boolean> advanceStatus(UUID id, CallStatus status, Instant at) {
        return sessions.updateStatus(id, status, at).map(update -> update.outcome() == StatusUpdate.Outcome.APPLIED);
    }

    @Override
    public void recordUsage(UUID id, CallUsage usage) {
        sessions.recordUsage(id, usage)
                .subscribe().with(found -> { }, failure -> LOG.warnf("usage not recorded session=%s: %s", id, failure.getMessage()));
    }

    @Override
    public void recordDuration(UUID id, Duration duration) {
        sessions.recordDuration(id, duration)
                .subscribe().with(found -> { }, failure -> LOG.warnf("duration not recorded session=%s: %s", id, failure.getMessage()));
    }
}
