package dev.callcoach.backend.realtime;

import java.util.Optional;

/**
 * What a client event was for, carried in its {@code event_id} ({@code <prefix>_<n>}). The API echoes the
 * id in {@code error.event_id}, so an error is traced back to the event that caused it without keeping
 * a table of everything sent (50 appends a second would fill one).
 */
public enum ClientEventKind {
    SESSION_UPDATE("su"),
    APPEND("ap"),
    TRUNCATE("tr"),
    MESSAGE("msg"),
    FUNCTION_OUTPUT("fo"),
    RESPONSE_CREATE("rc"),
    RESPONSE_CANCEL("cx");

    private final String prefix;

    ClientEventKind(String prefix) {
        this.prefix = prefix;
    }

    /** The kind an echoed {@code event_id} names; empty for ids we did not make (or none). */
    public static Optional<ClientEventKind> of(String eventId) {
        if (eventId == null) {
            return Optional.empty();
        }
        int underscore = eventId.indexOf('_');
        String prefix = underscore < 0 ? eventId : eventId.substring(0, underscore);
        for (ClientEventKind kind : values()) {
            if (kind.prefix.equals(prefix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    String prefix() {
        return prefix;
    }
}
