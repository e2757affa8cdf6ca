package dev.callcoach.backend.call;

import dev.callcoach.backend.phone.PhoneHash;
import dev.callcoach.contracts.channel.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One practice call from reservation to its end. Holds the number only as its hash.
 *
 * @param phoneHash      the number's hash; null for a browser session, which has no number
 * @param scenarioConfig the validated scenario form, by field key
 * @param callSid        Twilio's call SID once the call was placed, else null
 * @param answeredAt     when the call was first reported in progress, else null
 * @param endedAt        when it reached a terminal status, else null; an ended session holds no concurrency slot
 * @param duration       the call length Twilio reported at the end, else null
 */
public record CallSession(UUID id, PhoneHash phoneHash, String scenarioId, Map<String, String> scenarioConfig,
                          String voice, CallStatus status, String callSid, Instant createdAt, Instant updatedAt,
                          Instant answeredAt, Instant endedAt, Duration duration, CallUsage usage) {

    public CallSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scenarioId, "scenarioId");
        scenarioConfig = Map.copyOf(scenarioConfig);
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(usage, "usage");
    }

    /** Whether this is a practice session in the browser rather than a phone call. */
    public boolean inBrowser() {
        return phoneHash == null;
    }

    /** A fresh reservation; {@code phoneHash} null for a browser session. */
    public static CallSession reserved(UUID id, PhoneHash phoneHash, String scenarioId, Map<String, String> scenarioConfig,
                                       String voice, Instant at) {
        return new CallSession(id, phoneHash, scenarioId, scenarioConfig, voice, CallStatus.RESERVED, null, at, at,
                null, null, null, CallUsage.NONE);
    }

    /** This session after {@code next}, which the caller checked with {@link StatusTransitions#allows}. */
    CallSession withStatus(CallStatus next, Instant at) {
        return new CallSession(id, phoneHash, scenarioId, scenarioConfig, voice, next, callSid, createdAt, at,
                answeredAt == null && next == CallStatus.IN_PROGRESS ? at : answeredAt,
                endedAt == null && next.isTerminal() ? at : endedAt, duration, usage);
    }

    CallSession withCallSid(String sid, Instant at) {
        CallStatus next = status == CallStatus.RESERVED ? CallStatus.QUEUED : status;
        return new CallSession(id, phoneHash, scenarioId, scenarioConfig, voice, next, sid, createdAt, at, answeredAt,
                endedAt, duration, usage);
    }

    CallSession withUsage(CallUsage added) {
        return new CallSession(id, phoneHash, scenarioId, scenarioConfig, voice, status, callSid, createdAt, updatedAt,
                answeredAt, endedAt, duration, usage.plus(added));
    }

    CallSession withDuration(Duration reported) {
        return new CallSession(id, phoneHash, scenarioId, scenarioConfig, voice, status, callSid, createdAt, updatedAt,
                answeredAt, endedAt, reported, usage);
    }
}
