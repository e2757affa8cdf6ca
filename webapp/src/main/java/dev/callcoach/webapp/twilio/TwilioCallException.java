package dev.callcoach.webapp.twilio;

/**
 * Twilio refused or could not be reached. Carries Twilio's error code and nothing of its message text,
 * which can quote the number dialled.
 *
 * @see <a href="https://www.twilio.com/docs/api/errors">Twilio error codes</a>
 */
public final class TwilioCallException extends RuntimeException {

    private final Integer code;
    private final Integer httpStatus;

    TwilioCallException(Integer code, Integer httpStatus, Throwable cause) {
        super(code == null ? "Twilio unreachable" : "Twilio error " + code + " (HTTP " + httpStatus + ")", cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Twilio's error code (e.g. 21211), or null when Twilio was not reached or gave none. */
    public Integer code() {
        return code;
    }

    /** The HTTP status of Twilio's answer, or null when there was none. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
