package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/** {@code session.unsubscribe}: stop receiving the session's events. Answered by {@link Ack}. */
@JsonTypeName("session.unsubscribe")
public record Unsubscribe(String correlationId, UUID sessionId) implements ChannelRequest {

    public Unsubscribe {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
    }
}
