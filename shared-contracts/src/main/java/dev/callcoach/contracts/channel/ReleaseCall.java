package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code call.release}: give a reserved slot back because the call could not be placed. Answered by {@link Ack}.
 *
 * @param reason short cause for the logs, e.g. Twilio's error code; never a phone number
 */
@JsonTypeName("call.release")
public record ReleaseCall(String correlationId, UUID sessionId, String reason) implements ChannelRequest {

    public ReleaseCall {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        Require.text(reason, "reason", MessageChecks.MAX_SHORT_TEXT);
    }
}
