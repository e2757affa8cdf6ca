package dev.callcoach.backend.call;

import java.util.Optional;

/**
 * The result of reporting a status for a session.
 *
 * @param session the session after the update (or as it stands when nothing changed); empty if unknown
 */
public record StatusUpdate(Outcome outcome, Optional<CallSession> session) {

    public enum Outcome {
        /** The status moved forward; publish it. */
        APPLIED,
        /** A repeat, or a status that would move the session backwards or out of a terminal status. */
        IGNORED,
        /** No such session (never existed, or cleaned up). */
        NOT_FOUND
    }

    public static StatusUpdate applied(CallSession session) {
        return new StatusUpdate(Outcome.APPLIED, Optional.of(session));
    }

    public static StatusUpdate ignored(CallSession session) {
        return new StatusUpdate(Outcome.IGNORED, Optional.of(session));
    }

    public static StatusUpdate notFound() {
        return new StatusUpdate(Outcome.NOT_FOUND, Optional.empty());
    }
}
