package dev.callcoach.backend.call;

import java.time.Duration;
import java.time.Instant;

/** When a session may still be connected to a caller. */
public final class SessionRules {

    private SessionRules() {
    }

    /**
     * A session can start its call while it is not over and was created within {@code answerWindow}:
     * Twilio asks for TwiML, and then opens the stream, only after the callee answered.
     */
    public static boolean canStartCall(CallSession session, Instant now, Duration answerWindow) {
        return !session.status().isTerminal() && !session.createdAt().plus(answerWindow).isBefore(now);
    }
}
