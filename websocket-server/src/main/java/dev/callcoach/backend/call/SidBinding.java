package dev.callcoach.backend.call;

import java.util.Optional;

/**
 * The result of binding Twilio's call SID to a session.
 *
 * @param problem why the binding was refused, for the caller's error message; null unless {@code CONFLICT}
 */
public record SidBinding(Outcome outcome, Optional<CallSession> session, String problem) {

    public enum Outcome {
        /** Bound now; a reserved session became queued. */
        BOUND,
        /** Already bound to the same SID: a repeat, nothing changed. */
        ALREADY_BOUND,
        NOT_FOUND,
        /** Released, or bound to a different call. */
        CONFLICT
    }

    static SidBinding bound(CallSession session) {
        return new SidBinding(Outcome.BOUND, Optional.of(session), null);
    }

    static SidBinding conflict(String problem) {
        return new SidBinding(Outcome.CONFLICT, Optional.empty(), problem);
    }

    /** Judges a session that the binding update did not match. */
    static SidBinding of(Optional<CallSession> found, String callSid) {
        if (found.isEmpty()) {
            return new SidBinding(Outcome.NOT_FOUND, Optional.empty(), null);
        }
        CallSession session = found.get();
        if (callSid.equals(session.callSid())) {
            return new SidBinding(Outcome.ALREADY_BOUND, found, null);
        }
        return new SidBinding(Outcome.CONFLICT, found, session.callSid() == null
                ? "the session is " + session.status().wireName() + " and can no longer be placed"
                : "the session is already bound to another call SID");
    }
}
