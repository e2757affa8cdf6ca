package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/** {@code call.end}: hang up the session's call (the caller pressed End). Answered by {@link Ack}. */
@JsonTypeName("call.end")
public record EndCall(String correlationId, UUID sessionId) implements ChannelRequest {

    public EndCall {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
    }
}
