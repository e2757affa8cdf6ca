package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code call.placement_unknown}: the webapp asked Twilio to create the call but cannot tell whether it
 * did (a timeout, or the connection reset after the request was sent). Answered by {@link Ack}.
 *
 * <p>Unlike {@link ReleaseCall}, this keeps the slot and the number's attempt: Twilio may be calling the
 * number. The session moves to {@code queued} without a call SID and waits for Twilio's status callback;
 * if none arrives within the backend's placement timeout, it ends as {@code failed}, which frees the slot
 * but keeps the attempt counted.
 *
 * @param reason short cause for the logs, e.g. {@code "timeout"}; never a phone number
 */
@JsonTypeName("call.placement_unknown")
public record CallPlacementUnknown(String correlationId, UUID sessionId, String reason) implements ChannelRequest {

    public CallPlacementUnknown {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        Require.text(reason, "reason", MessageChecks.MAX_SHORT_TEXT);
    }
}
