package dev.callcoach.simulator.twilio;

import java.util.Locale;

/** Call states as Twilio names them on the wire; {@link #INITIATED} only appears in status callbacks. */
public enum CallStatus {
    QUEUED,
    INITIATED,
    RINGING,
    IN_PROGRESS,
    COMPLETED,
    BUSY,
    FAILED,
    NO_ANSWER,
    CANCELED;

    /** {@code in-progress}, {@code no-answer}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isTerminal() {
        return switch (this) {
            case COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return wireName();
    }
}
