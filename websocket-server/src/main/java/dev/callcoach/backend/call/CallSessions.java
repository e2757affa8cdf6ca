package dev.callcoach.backend.call;

import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Looking up and updating call sessions, from Postgres or, while it is away, from this instance's memory.
 * Every Postgres write is mirrored into memory so an outage does not lose sight of running calls.
 * Reserving and releasing sessions belongs to the limiter, which counts them.
 */
@ApplicationScoped
public class CallSessions {

    private final DatabaseFailover failover;
    private final PostgresCallSessions postgres;
    private final InMemoryCallSessions memory;
    private final Clock clock;

    public CallSessions(DatabaseFailover failover, PostgresCallSessions postgres, InMemoryCallSessions memory, Clock clock) {
        this.failover = failover;
        this.postgres = postgres;
        this.memory = memory;
        this.clock = clock;
    }

    public Uni<Optional<CallSession>> findById(UUID id) {
        return failover.call("session_find", () -> postgres.findById(id), () -> item(memory.findById(id)));
    }

    /**
     * Records a status Twilio reported. Idempotent and order-proof: repeats, backward moves and anything
     * after a terminal status are {@link StatusUpdate.Outcome#IGNORED}; a terminal status stamps
     * {@code endedAt}, which frees the session's concurrency slot.
     *
     * @param status one of Twilio's statuses; {@code reserved} and {@code released} are the limiter's
     */
    public Uni<StatusUpdate> updateStatus(UUID id, CallStatus status, Instant at) {
        if (status == CallStatus.RESERVED || status == CallStatus.RELEASED) {
            throw new IllegalArgumentException(status.wireName() + " is set by the limiter, not reported");
        }
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        return failover.call("session_status",
                () -> postgres.transition(id, status, when).invoke(update -> update.session().ifPresent(memory::mirror)),
                () -> item(memory.transition(id, status, when)));
    }

    /** Binds the Twilio call SID once the call was created; a repeat with the same SID is accepted. */
    public Uni<SidBinding> placed(UUID id, String callSid) {
        Instant now = SqlValues.now(clock);
        return failover.call("session_placed",
                () -> postgres.bindCallSid(id, callSid, now).invoke(binding -> binding.session().ifPresent(memory::mirror)),
                () -> item(memory.bindCallSid(id, callSid, now)));
    }

    /**
     * The webapp cannot tell whether Twilio created the call: the session moves to {@code queued} without a
     * call SID and keeps its slot and attempt until Twilio's status callback moves it on, or the placement
     * expiry ends it as failed.
     */
    public Uni<StatusUpdate> placementUnknown(UUID id) {
        Instant now = SqlValues.now(clock);
        return failover.call("session_placement_unknown",
                () -> postgres.transition(id, CallStatus.QUEUED, now).invoke(update -> update.session().ifPresent(memory::mirror)),
                () -> item(memory.transition(id, CallStatus.QUEUED, now)));
    }

    /** Adds Realtime token usage (e.g. from one {@code response.done}); empty if the session is unknown. */
    public Uni<Optional<CallSession>> recordUsage(UUID id, CallUsage usage) {
        return failover.call("session_usage",
                () -> postgres.addUsage(id, usage).invoke(found -> found.ifPresent(memory::mirror)),
                () -> item(memory.addUsage(id, usage)));
    }

    /** Stores the call length Twilio reported at the end; empty if the session is unknown. */
    public Uni<Optional<CallSession>> recordDuration(UUID id, Duration duration) {
        return failover.call("session_duration",
                () -> postgres.recordDuration(id, duration).invoke(found -> found.ifPresent(memory::mirror)),
                () -> item(memory.recordDuration(id, duration)));
    }

    private static <T> Uni<T> item(T value) {
        return Uni.createFrom().item(value);
    }
}
