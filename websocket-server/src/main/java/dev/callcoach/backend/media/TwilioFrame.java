package dev.callcoach.backend.media;

import java.util.Map;

/** A message Twilio sends on a Media Stream (docs/protocols.md, "Media Streams: messages from Twilio"), or why a frame was not one. */
sealed interface TwilioFrame {

    /** First message; carries no stream yet. */
    record Connected() implements TwilioFrame {
    }

    /**
     * The stream started; {@code parameters} are the TwiML {@code <Parameter>}s, {@code callSid} the
     * call it belongs to (null when the frame had none).
     */
    record Start(String streamSid, String callSid, Map<String, String> parameters) implements TwilioFrame {
    }

    /** 20 ms or so of caller audio; {@code timestampMs} is the stream's clock, the one barge-in arithmetic uses. */
    record Media(long timestampMs, String payload) implements TwilioFrame {
    }

    /** Echo of a mark we sent: the audio queued before it has played, or was cleared. */
    record Mark(String name) implements TwilioFrame {
    }

    /** A key the caller pressed. */
    record Dtmf(String digit) implements TwilioFrame {
    }

    /** The stream stopped: the caller hung up or the call ended. */
    record Stop() implements TwilioFrame {
    }

    /** Not a usable message. */
    record Malformed(Problem problem, String detail) implements TwilioFrame {
    }

    /** Kinds of bad frames, one metric tag each. */
    enum Problem {
        NOT_JSON, UNKNOWN_EVENT, MISSING_FIELD, BAD_BASE64, OVERSIZED, BINARY, OUT_OF_ORDER;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
