package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

/**
 * {@code error}: the request could not be read or carried out.
 *
 * @param correlationId the request's, or null when the frame was too broken to tell
 * @param message       human explanation, never containing a phone number
 */
@JsonTypeName("error")
public record ErrorReply(String correlationId, ErrorCode code, String message) implements ChannelReply {

    public ErrorReply {
        if (correlationId != null) {
            MessageChecks.correlationId(correlationId);
        }
        Require.nonNull(code, "code");
        Require.text(message, "message", MessageChecks.MAX_MESSAGE);
    }
}
