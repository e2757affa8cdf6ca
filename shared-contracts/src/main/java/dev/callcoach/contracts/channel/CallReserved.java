package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/** {@code call.reserved}: the slot is held for the new session; the webapp now places the call. */
@JsonTypeName("call.reserved")
public record CallReserved(String correlationId, UUID sessionId) implements ChannelReply {

    public CallReserved {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
    }
}
