package dev.callcoach.webapp.twilio;

/**
 * Twilio may or may not have created the call: the request was sent, and then the connection was reset,
 * the answer timed out or could not be read, or Twilio answered with a server error. Unlike a
 * {@link TwilioCallException}, the call may be ringing now, so its slot must be kept, not given back:
 * Twilio's status callback tells what happened, and an unplaced reservation expires if none comes.
 */
public final class TwilioCallUncertainException extends RuntimeException {

    private final Integer httpStatus;

    TwilioCallUncertainException(String reason, Integer httpStatus, Throwable cause) {
        super("Twilio call creation outcome unknown: " + reason, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of Twilio's answer (a 5xx), or null when no readable answer came. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
