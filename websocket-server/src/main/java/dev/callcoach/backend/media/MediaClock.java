package dev.callcoach.backend.media;

/**
 * The Media Stream's clock ({@code media.timestamp}, ms since the stream started), read between
 * frames by adding the time since the latest one. The extrapolation is capped so a stalled inbound
 * stream cannot make the clock run away.
 */
final class MediaClock {

    private static final long MAX_EXTRAPOLATION_MS = 60;

    private long latestTimestampMs;
    private long latestAtNanos;
    private boolean started;

    void onMedia(long timestampMs, long nowNanos) {
        latestTimestampMs = timestampMs;
        latestAtNanos = nowNanos;
        started = true;
    }

    long nowMs(long nowNanos) {
        if (!started) {
            return 0;
        }
        long sinceLatest = Math.max(0, (nowNanos - latestAtNanos) / 1_000_000);
        return latestTimestampMs + Math.min(sinceLatest, MAX_EXTRAPOLATION_MS);
    }
}
