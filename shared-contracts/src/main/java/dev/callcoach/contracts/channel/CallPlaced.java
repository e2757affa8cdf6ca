package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code call.placed}: Twilio accepted the call for a reserved session. Answered by {@link Ack}.
 *
 * @param callSid Twilio's call SID ({@code CA...})
 */
@JsonTypeName("call.placed")
public record CallPlaced(String correlationId, UUID sessionId, String callSid) implements ChannelRequest {

    public CallPlaced {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        Require.text(callSid, "callSid", MessageChecks.MAX_SHORT_TEXT);
    }
}
