package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code call.ended}: the backend's bridge ended the session's call, and why. Twilio's own
 * {@code call.status} ({@code completed}, ...) still follows; this says what Twilio cannot know.
 *
 * @param counted whether the call counts against the number's hourly limit; false when it failed on our
 *                side before the caller heard the AI
 * @param at      when the call ended
 */
@JsonTypeName("call.ended")
public record CallEnded(
        UUID sessionId,
        EndReason reason,
        @JsonProperty(required = true) boolean counted,
        Instant at) implements ChannelEvent {

    public CallEnded {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(reason, "reason");
        Require.nonNull(at, "at");
    }
}
