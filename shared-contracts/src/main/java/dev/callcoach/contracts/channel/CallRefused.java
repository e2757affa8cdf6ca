package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

/**
 * {@code call.refused}: no call this time.
 *
 * @param message           an explanation for logs; never shown to people: the webapp words refusals from {@code reason}
 * @param retryAfterSeconds when trying again may succeed, 0 when waiting won't help or is unknown
 */
@JsonTypeName("call.refused")
public record CallRefused(
        String correlationId,
        RefusalReason reason,
        String message,
        @JsonProperty(required = true) long retryAfterSeconds) implements ChannelReply {

    public CallRefused {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(reason, "reason");
        Require.text(message, "message", MessageChecks.MAX_MESSAGE);
        Require.atLeast(retryAfterSeconds, 0, "retryAfterSeconds");
    }
}
