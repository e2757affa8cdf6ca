package dev.callcoach.backend.media;

import dev.callcoach.backend.twilio.Twiml;
import java.util.Objects;
import java.util.Optional;

/**
 * Ties a Media Stream to the one session its URL names. Our TwiML points each call at
 * {@code /twilio/media/{session}} and Twilio signs the upgrade over that URL, so a signature opens
 * streams for its own session only. What the socket then says must agree: the {@code start} names
 * the same session, and the call SID the session has stored, once the webapp reported it.
 *
 * @param pathSession the session segment of the upgrade's path, as sent
 */
record StreamBinding(String pathSession) {

    StreamBinding {
        Objects.requireNonNull(pathSession, "pathSession");
    }

    /** Why this {@code start} does not belong to the stream it arrived on, or empty when it does. */
    Optional<String> refusal(TwilioFrame.Start start) {
        if (!pathSession.equals(start.parameters().get(Twiml.SESSION_PARAMETER))) {
            return Optional.of("session-parameter-differs-from-path");
        }
        if (start.callSid() == null || start.callSid().isBlank()) {
            return Optional.of("no-call-sid");
        }
        return Optional.empty();
    }

    /**
     * Why a stream whose {@code start} said {@code startCallSid} may not run the session that has
     * {@code storedCallSid}, or empty when it may. An unknown stored SID (the webapp has not reported the
     * placed call yet, and Twilio can be quicker) is no reason to refuse: the path already bound the session.
     */
    static Optional<String> callRefusal(String startCallSid, String storedCallSid) {
        return storedCallSid == null || storedCallSid.equals(startCallSid)
                ? Optional.empty() : Optional.of("call-sid-differs-from-session");
    }
}
