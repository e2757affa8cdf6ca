package dev.callcoach.backend.call;

import dev.callcoach.backend.phone.PhoneHash;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SessionStore} for unit tests of the plain classes that use one. */
public final class InMemorySessionStore implements SessionStore {

    private volatile RuntimeException findFailure;

    private final Map<UUID, CallSession> sessions = new ConcurrentHashMap<>();
    private final Map<UUID, Duration> durations = new ConcurrentHashMap<>();

    /** A session with a dummy phone hash, as the limiter would have stored it. */
    public static CallSession session(CallStatus status, Instant createdAt, String scenarioId, Map<String, String> config) {
        CallSession reserved = CallSession.reserved(UUID.randomUUID(), new PhoneHash(new byte[PhoneHash.LENGTH]), scenarioId,
                config, "marin", createdAt);
        return withStatus(reserved, status);
    }

    public UUID add(CallSession session) {
        sessions.put(session.id(), session);
        return session.id();
    }

    public Duration duration(UUID id) {
        return durations.get(id);
    }

    private static CallSession withStatus(CallSession s, CallStatus status) {
        return new CallSession(s.id(), s.phoneHash(), s.scenarioId(), s.scenarioConfig(), s.voice(), status, s.callSid(),
                s.createdAt(), s.updatedAt(), s.answeredAt(), s.endedAt(), s.duration(), s.usage());
    }

    /** From now on every {@link #find} fails with this, as a database that does not answer in time would. */
    public void failFinds(RuntimeException failure) {
        findFailure = failure;
    }

    @Override
    public Uni<Optional<CallSession>> find(UUID id) {
        RuntimeException failure = findFailure;
        return failure != null ? Uni.createFrom().failure(failure) : Uni.createFrom().item(Optional.ofNullable(sessions.get(id)));
    }

    @Override
    public Uni<Boolean> advanceStatus(UUID id, CallStatus status, Instant at) {
        CallSession current = sessions.get(id);
        boolean forward = current != null && StatusTransitions.allows(current.status(), status);
        if (forward) {
            sessions.put(id, withStatus(current, status));
        }
        return Uni.createFrom().item(forward);
    }

    @Override
    public void recordUsage(UUID id, CallUsage usage) {
        throw new UnsupportedOperationException("not needed by the tests using this store");
    }

    @Override
    public void recordDuration(UUID id, Duration duration) {
        durations.put(id, duration);
    }
}
