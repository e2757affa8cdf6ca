package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.EndReason;

import java.util.Arrays;

/**
 * How a call ended, as the page says it: the last step's label and the headline. Each ending is one line.
 * Twilio's final status says how the line ended; the backend's {@code call.ended} says why, which Twilio
 * cannot know (voicemail, our own failure, the AI's goodbye), so its reason wins over the status. In the
 * browser nothing rings and nothing is placed, so the few endings that say so have words of their own there.
 */
enum CallEnding {
    //                reason from call.ended   step label        headline                                                  good
    ENDED_BY_AI(EndReason.AI_SAID_GOODBYE, "Ended by the AI", "The AI ended the call. Nice practice!", true),
    ENDED_BY_YOU(EndReason.ENDED_FROM_PAGE, "Ended by you", "You ended the call. Nice practice!", true),
    TIME_UP(EndReason.MAX_DURATION, "Time's up", "Time's up: that is as long as a practice call lasts. Nice practice!", true),
    COMPLETED(EndReason.CALLER_HUNG_UP, "Call ended", "The call has ended. Nice practice!", true),
    VOICEMAIL(EndReason.VOICEMAIL, "Voicemail", "Voicemail answered: call ended. The AI doesn't talk to voicemail.", false),
    AI_UNAVAILABLE(EndReason.AI_UNAVAILABLE, "AI unavailable", "We couldn't reach your practice partner, so we ended the call.", false),
    PAUSED(EndReason.OPENAI_QUOTA, "Calling paused", "Calling is paused for a while: our AI service is out of capacity.", false),
    OUR_FAULT(EndReason.INTERNAL_ERROR, "Failed", "Something went wrong on our side and the call ended.", false),
    NO_ANSWER(null, "No answer", "The call wasn't answered.", false),
    BUSY(null, "Busy", "Your line was busy.", false),
    FAILED(null, "Failed", "The call couldn't be connected.", false),
    CANCELLED(null, "Cancelled", "You cancelled the call before it was answered.", false),
    NOT_PLACED(null, "Not placed", "The call wasn't placed.", false),
    CONNECTION_LOST(null, "Connection lost", "Connection to the call service was lost; your call may have ended.", false),
    /** In the browser: the page's audio socket was refused or couldn't be reached, so the page ended the call. */
    NO_AUDIO(null, "No audio", "Your browser couldn't connect to the call's audio, so the call was ended. Please try "
            + "again; if it keeps failing, this server may not accept calls from this page's address.", false);

    private final EndReason reason;
    private final String label;
    private final String headline;
    private final boolean good;

    CallEnding(EndReason reason, String label, String headline, boolean good) {
        this.reason = reason;
        this.label = label;
        this.headline = headline;
        this.good = good;
    }

    /** Why the backend ended the call. */
    static CallEnding of(EndReason reason) {
        return Arrays.stream(values()).filter(e -> e.reason == reason).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no words for " + reason));
    }

    /**
     * The ending a final Twilio status tells, when the backend has not said why.
     *
     * @param endedOnPage whether the person pressed End call on the page
     */
    static CallEnding of(CallStatus status, boolean endedOnPage) {
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

    String label(PracticeMode mode) {
        return mode != PracticeMode.BROWSER ? label : switch (this) {
            case CANCELLED -> "Not connected";
            case NOT_PLACED -> "Not started";
            default -> label;
        };
    }

    String headline(PracticeMode mode) {
        return mode != PracticeMode.BROWSER ? headline : switch (this) {
            // The backend cancels a call in the browser whose audio never connected, a minute after it began.
            case CANCELLED -> "The call was cancelled before your browser connected its audio. Please try again.";
            case NOT_PLACED -> "The call didn't start.";
            default -> headline;
        };
    }

    /** Whether it is good news, the only kind shown in the success colour. */
    boolean good() {
        return good;
    }
}
