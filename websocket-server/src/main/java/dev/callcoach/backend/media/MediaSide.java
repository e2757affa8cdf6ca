package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.AudioFormat;

/**
 * The caller's side of a call as the bridge sees it: a Twilio Media Stream ({@link TwilioStream}) or a
 * browser's media socket ({@link BrowserStream}). Each turns its own wire format into the bridge's inputs
 * and the bridge's outputs into its wire format; what a call is (barge-in, goodbye, limits, transcript)
 * stays in {@link CallBridge}. Called on the call's thread only.
 */
interface MediaSide {

    /** The audio this side carries both ways; the Realtime session is configured to match. */
    AudioFormat format();

    /**
     * Whether the caller's side reports how much it has played ({@link CallBridge#played}); otherwise
     * played time is estimated on the stream's clock, with marks as a lower bound.
     */
    boolean reportsPlayed();

    /**
     * Whether someone else (Twilio's status callbacks) reports the call's status; if not, the bridge
     * reports {@code in-progress} when the call starts and {@code completed} or {@code failed} at its end.
     */
    boolean statusReportedElsewhere();

    /** The time on this side's playback clock, in ms, at local monotonic time {@code nowNanos}. */
    long clockMs(long nowNanos);

    /** Plays AI audio: {@code base64} as the Realtime delta carries it, already in {@link #format()}. */
    void sendAudio(String base64);

    /** Asks for {@code name} back once everything sent before it has played (or was cleared). */
    void sendMark(String name);

    /** Drops everything sent and not yet played, at once. */
    void clear();

    /** Ends the side's connection; idempotent. */
    void close();
}
