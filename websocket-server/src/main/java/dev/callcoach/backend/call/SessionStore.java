package dev.callcoach.backend.call;

import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The call sessions the limiter creates ({@link CallSessions}), as far as
 * Twilio's webhooks and the bridge use them; a port so their plain logic is tested without a database.
 */
public interface SessionStore {

    Uni<Optional<CallSession>> find(UUID id);

    /**
     * Records a status Twilio reported, unless it repeats the current one or would be a step back
     * (callbacks arrive out of order; a terminal status is final).
     *
     * @return whether the status changed
     */
    Uni<Boolean> advanceStatus(UUID id, CallStatus status, Instant at);

    /** Adds the token usage of one Realtime response. Fire and forget. */
    void recordUsage(UUID id, CallUsage usage);

    /** Stores the call length Twilio reported at the end. Fire and forget. */
    void recordDuration(UUID id, Duration duration);
}
