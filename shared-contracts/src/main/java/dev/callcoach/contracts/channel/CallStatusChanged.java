package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code call.status}: the session's call moved to a new status.
 *
 * @param at     when the status was observed
 * @param detail short explanation (e.g. "busy" or a Twilio error code), or null; never a phone number
 */
@JsonTypeName("call.status")
public record CallStatusChanged(UUID sessionId, CallStatus status, Instant at, String detail) implements ChannelEvent {

    public CallStatusChanged {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(status, "status");
        Require.nonNull(at, "at");
        Require.maxLength(detail, "detail", MessageChecks.MAX_SHORT_TEXT);
    }
}
