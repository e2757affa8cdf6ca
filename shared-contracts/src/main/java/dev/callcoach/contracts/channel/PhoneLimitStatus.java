package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;

/**
 * {@code phone.limit.status}: answer to {@link PhoneLimitCheck}.
 *
 * @param limit         calls a number may get per window
 * @param callsLeft     calls left now, 0 to {@code limit}
 * @param nextAllowedAt when the next call becomes possible; null while {@code callsLeft > 0}
 * @param windowMinutes length of the rolling window
 */
@JsonTypeName("phone.limit.status")
public record PhoneLimitStatus(
        String correlationId,
        @JsonProperty(required = true) int limit,
        @JsonProperty(required = true) int callsLeft,
        Instant nextAllowedAt,
        @JsonProperty(required = true) int windowMinutes) implements ChannelReply {

    public PhoneLimitStatus {
        MessageChecks.correlationId(correlationId);
        Require.atLeast(limit, 0, "limit");
        Require.atLeast(callsLeft, 0, "callsLeft");
        if (callsLeft > limit) {
            throw new IllegalArgumentException("field 'callsLeft' must not exceed field 'limit'");
        }
        if (callsLeft > 0 && nextAllowedAt != null) {
            throw new IllegalArgumentException("field 'nextAllowedAt' must be null while calls are left");
        }
        Require.atLeast(windowMinutes, 1, "windowMinutes");
    }
}
