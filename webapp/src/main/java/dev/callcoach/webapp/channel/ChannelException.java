package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.webapp.base.UserFacingException;

/**
 * A request over the channel did not get a usable answer. The message is for the person at the page; the
 * backend's own explanation is logged, not shown.
 */
public final class ChannelException extends UserFacingException {

    private final ErrorCode code;

    private ChannelException(String userMessage, ErrorCode code) {
        super(userMessage);
        this.code = code;
    }

    /** No connection to the backend right now. */
    static ChannelException unavailable() {
        return new ChannelException(
                "The call service isn't reachable right now. We keep trying; please try again in a moment.", null);
    }

    /** The backend did not answer in time. */
    static ChannelException timeout() {
        return new ChannelException(
                "The call service didn't answer in time. Please try again in a moment.", null);
    }

    /** The backend answered with an error. */
    static ChannelException of(ErrorReply error) {
        String message = switch (error.code()) {
            case NOT_FOUND -> "That call is no longer known to the call service.";
            case UNAVAILABLE -> "The call service is busy or unavailable right now. Please try again in a moment.";
            default -> "Something went wrong talking to the call service. Please try again.";
        };
        return new ChannelException(message, error.code());
    }

    /** The backend answered with a reply that does not fit the request. */
    public static ChannelException unexpected() {
        return new ChannelException("Something went wrong talking to the call service. Please try again.",
                ErrorCode.INTERNAL);
    }

    /** The backend's error code, or null when there was no error reply (no connection, no answer). */
    public ErrorCode code() {
        return code;
    }
}
