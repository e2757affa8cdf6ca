package dev.callcoach.backend.session;

import dev.callcoach.contracts.channel.CallStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What Twilio's side of a call needs to know about a session. There is no phone number here: the
 * store keeps only its hash.
 */
public record CallSession(UUID id, String scenarioId, Map<String, String> scenarioConfig, String voice,
                          CallStatus status, Instant createdAt) {

    public CallSession {
        scenarioConfig = Map.copyOf(scenarioConfig);
    }
}
