package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.CallStatus;

import java.util.Arrays;

/**
 * How a call ended, as the page says it: the last step's label and the headline. Each ending is one line;
 * a new one (say, voicemail) is a constant with the {@code call.status} detail code it is known by.
 */
enum CallEnding {
    //          detail code     step label          headline                                                    good
    ENDED_BY_AI("ended-by-ai", "Ended by the AI", "The AI ended the call. Nice practice!", true),
    ENDED_BY_YOU(null, "Ended by you", "You ended the call. Nice practice!", true),
    COMPLETED(null, "Call ended", "The call has ended. Nice practice!", true),
    NO_ANSWER(null, "No answer", "The call wasn't answered.", false),
    BUSY(null, "Busy", "Your line was busy.", false),
    FAILED(null, "Failed", "The call couldn't be connected.", false),
    CANCELLED(null, "Cancelled", "You cancelled the call before it was answered.", false),
    NOT_PLACED(null, "Not placed", "The call wasn't placed.", false),
    CONNECTION_LOST(null, "Connection lost", "Connection to the call service was lost; your call may have ended.", false);

    private final String detail;
    private final String label;
    private final String headline;
    private final boolean good;

    CallEnding(String detail, String label, String headline, boolean good) {
        this.detail = detail;
        this.label = label;
        this.headline = headline;
        this.good = good;
    }

    /**
     * The ending of a final status.
     *
     * @param detail       the status's detail code from the backend, or null
     * @param endedOnPage  whether the person pressed End call on the page
     */
    static CallEnding of(CallStatus status, String detail, boolean endedOnPage) {
        if (detail != null) {
            var byCode = Arrays.stream(values()).filter(e -> detail.equals(e.detail)).findFirst();
            if (byCode.isPresent()) {
                return byCode.get();
            }
        }
        return switch (status) {
            case COMPLETED -> endedOnPage ? ENDED_BY_YOU : COMPLETED;
            case CANCELED -> CANCELLED;
            case NO_ANSWER -> endedOnPage ? CANCELLED : NO_ANSWER;
            case BUSY -> BUSY;
            case FAILED -> FAILED;
            case RELEASED -> NOT_PLACED;
            case RESERVED, QUEUED, INITIATED, RINGING, IN_PROGRESS ->
                    throw new IllegalArgumentException("not a final status: " + status);
        };
    }

    String label() {
        return label;
    }

    String headline() {
        return headline;
    }

    /** Whether it is good news, the only kind shown in the success colour. */
    boolean good() {
        return good;
    }
}
