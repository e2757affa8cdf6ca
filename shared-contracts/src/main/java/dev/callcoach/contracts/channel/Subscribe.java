package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/** {@code session.subscribe}: start receiving the session's {@link ChannelEvent}s. Answered by {@link Ack}. */
@JsonTypeName("session.subscribe")
public record Subscribe(String correlationId, UUID sessionId) implements ChannelRequest {

    public Subscribe {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
    }
}
