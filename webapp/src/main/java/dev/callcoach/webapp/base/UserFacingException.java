package dev.callcoach.webapp.base;

/**
 * A failure whose message was written for the person at the page: it may be shown as it is, and it
 * never holds a stack trace, a secret or a phone number. Everything else gets a generic message.
 */
public class UserFacingException extends RuntimeException {

    public UserFacingException(String userMessage) {
        super(userMessage);
    }

    public UserFacingException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
