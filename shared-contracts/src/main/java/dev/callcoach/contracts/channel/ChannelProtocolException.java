package dev.callcoach.contracts.channel;

import java.util.Objects;

/**
 * A frame that cannot be read or written as a channel message. The message is meant for the peer
 * (e.g. "missing required field 'sessionId'") and never quotes field values, which may be phone numbers.
 *
 * <p>Deliberately carries no cause: Jackson's exception texts quote the offending input, and this
 * exception ends up in logs.
 */
public final class ChannelProtocolException extends RuntimeException {

    private final ErrorCode code;
    private final String correlationId;

    public ChannelProtocolException(ErrorCode code, String message, String correlationId) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.correlationId = correlationId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The frame's correlation id when it could be read, else null. */
    public String correlationId() {
        return correlationId;
    }

    /** The {@code error} reply to send back for this failure. */
    public ErrorReply toErrorReply() {
        String message = getMessage();
        // A rule message can quote a long schema part (a scenario's voice list); the reply has a bound.
        if (message.length() > MessageChecks.MAX_MESSAGE) {
            message = message.substring(0, MessageChecks.MAX_MESSAGE - 3) + "...";
        }
        return new ErrorReply(correlationId, code, message);
    }
}
