package dev.callcoach.backend.call;

import dev.callcoach.backend.db.FallbackWriteBack;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * This instance's copy of the sessions it deals with. While Postgres is up it mirrors every session this
 * instance reserved or updated, so that a call already running can still be looked up when the database
 * goes away; during the outage it is the store, and what changed is written back when Postgres returns.
 *
 * <p>All methods are synchronized: the operations are map look-ups, far cheaper than any contention.
 */
@ApplicationScoped
public class InMemoryCallSessions implements FallbackWriteBack {

    private final PostgresCallSessions postgres;
    private final Map<UUID, CallSession> sessions = new HashMap<>();
    /** Sessions changed during the fallback and not yet written back. */
    private final Set<UUID> changed = new HashSet<>();

    public InMemoryCallSessions(PostgresCallSessions postgres) {
        this.postgres = postgres;
    }

    /** Stores a session as Postgres has it now. */
    public synchronized void mirror(CallSession session) {
        sessions.put(session.id(), session);
    }

    /**
     * Stores a session as Postgres had it when the mirror was refreshed, unless this instance knows a newer
     * version or changed it during an outage.
     */
    public synchronized void refresh(CallSession session) {
        CallSession known = sessions.get(session.id());
        if (!changed.contains(session.id()) && (known == null || !known.updatedAt().isAfter(session.updatedAt()))) {
            sessions.put(session.id(), session);
        }
    }

    /**
     * Reservations never placed, and placements of unknown outcome ({@code queued} without a call SID), that did
     * not change since {@code before}.
     */
    public synchronized List<CallSession> unplacedBefore(Instant before) {
        return sessions.values().stream()
                .filter(s -> s.callSid() == null && s.updatedAt().isBefore(before)
                        && (s.status() == CallStatus.RESERVED || s.status() == CallStatus.QUEUED))
                .toList();
    }

    /** Adds a session created during the fallback. */
    public synchronized void insert(CallSession session) {
        sessions.put(session.id(), session);
        changed.add(session.id());
    }

    public synchronized Optional<CallSession> findById(UUID id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public synchronized StatusUpdate transition(UUID id, CallStatus to, Instant at) {
        CallSession current = sessions.get(id);
        if (current == null) {
            return StatusUpdate.notFound();
        }
        if (!StatusTransitions.allows(current.status(), to)) {
            return StatusUpdate.ignored(current);
        }
        return StatusUpdate.applied(change(current.withStatus(to, at)));
    }

    public synchronized SidBinding bindCallSid(UUID id, String callSid, Instant at) {
        CallSession current = sessions.get(id);
        if (current == null || current.callSid() != null || current.status() == CallStatus.RELEASED) {
            return SidBinding.of(Optional.ofNullable(current), callSid);
        }
        return SidBinding.bound(change(current.withCallSid(callSid, at)));
    }

    public synchronized Optional<CallSession> addUsage(UUID id, CallUsage usage) {
        return update(id, session -> session.withUsage(usage));
    }

    public synchronized Optional<CallSession> recordDuration(UUID id, Duration duration) {
        return update(id, session -> session.withDuration(duration));
    }

    /** Sessions counted by the concurrency cap, as far as this instance knows them. */
    public synchronized int countOpen(Instant createdAfter) {
        return (int) sessions.values().stream()
                .filter(s -> s.endedAt() == null && s.createdAt().isAfter(createdAfter))
                .count();
    }

    /** Forgets sessions created before {@code before}, except those still to be written back. */
    public synchronized void prune(Instant before) {
        sessions.values().removeIf(s -> s.createdAt().isBefore(before) && !changed.contains(s.id()));
    }

    @Override
    public Uni<Runnable> writeBack(SqlConnection tx) {
        Map<UUID, CallSession> snapshot = changedSessions();
        return Multi.createFrom().iterable(snapshot.values())
                .onItem().transformToUniAndConcatenate(session -> postgres.merge(tx, session))
                .collect().last()
                .replaceWith(() -> () -> forgetWritten(snapshot));
    }

    private synchronized Map<UUID, CallSession> changedSessions() {
        Map<UUID, CallSession> snapshot = new HashMap<>();
        changed.forEach(id -> snapshot.put(id, sessions.get(id)));
        return snapshot;
    }

    /** Clears the change marks of what was written, unless the session changed again meanwhile. */
    private synchronized void forgetWritten(Map<UUID, CallSession> written) {
        written.forEach((id, session) -> {
            if (sessions.get(id) == session) {
                changed.remove(id);
            }
        });
    }

    private Optional<CallSession> update(UUID id, UnaryOperator<CallSession> change) {
        return Optional.ofNullable(sessions.get(id)).map(current -> change(change.apply(current)));
    }

    private CallSession change(CallSession next) {
        sessions.put(next.id(), next);
        changed.add(next.id());
        return next;
    }
}
