package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a call session stands. Twilio's call statuses plus our own {@link #RESERVED} and {@link #RELEASED};
 * the JSON form is Twilio's spelling ({@code "in-progress"}, {@code "no-answer"}).
 */
public enum CallStatus {
    /** A slot is reserved for the caller; Twilio has not been asked to call yet. */
    RESERVED("reserved", false),
    QUEUED("queued", false),
    INITIATED("initiated", false),
    RINGING("ringing", false),
    /** Answered. */
    IN_PROGRESS("in-progress", false),
    COMPLETED("completed", true),
    BUSY("busy", true),
    NO_ANSWER("no-answer", true),
    FAILED("failed", true),
    CANCELED("canceled", true),
    /** The reservation was given back without a call being placed. */
    RELEASED("released", true);

    private final String wireName;
    private final boolean terminal;

    CallStatus(String wireName, boolean terminal) {
        this.wireName = wireName;
        this.terminal = terminal;
    }

    /** The JSON and Twilio spelling, e.g. {@code "in-progress"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the session is over: no further status can follow. */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * Parses Twilio's {@code CallStatus} / {@code status} value.
     *
     * @throws IllegalArgumentException for anything Twilio does not send, including our own
     *                                  {@code reserved} and {@code released}
     */
    public static CallStatus fromTwilio(String twilioStatus) {
        if (twilioStatus != null) {
            String wanted = twilioStatus.strip().toLowerCase(Locale.ROOT);
            for (CallStatus status : values()) {
                if (status != RESERVED && status != RELEASED && status.wireName.equals(wanted)) {
                    return status;
                }
            }
        }
        throw new IllegalArgumentException("unknown Twilio call status '" + twilioStatus + "'");
    }
}
