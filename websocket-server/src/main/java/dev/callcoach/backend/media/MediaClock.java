package dev.callcoach.backend.media;

/**
 * The Media Stream's clock ({@code media.timestamp}: ms since the stream started), read at any
 * moment. Frames are sent in real time but may reach us late or in bursts, so the clock is the local
 * monotonic time plus the largest {@code timestamp - arrival} offset seen: the promptest frame sets
 * it, late ones cannot pull it back, and between frames it keeps running instead of stepping by 20 ms.
 */
final class MediaClock {

    private long offsetMs;
    private boolean started;

    void onMedia(long timestampMs, long nowNanos) {
        long offset = timestampMs - nowNanos / 1_000_000;
        if (!started || offset > offsetMs) {
            offsetMs = offset;
        }
        started = true;
    }

    /** The stream time now, or 0 before the first frame. */
    long nowMs(long nowNanos) {
        return started ? nowNanos / 1_000_000 + offsetMs : 0;
    }
}
