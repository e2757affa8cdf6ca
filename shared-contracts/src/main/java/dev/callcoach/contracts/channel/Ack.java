package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** {@code ack}: the request was carried out. */
@JsonTypeName("ack")
public record Ack(String correlationId) implements ChannelReply {

    public Ack {
        MessageChecks.correlationId(correlationId);
    }
}
