package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.AudioFormat;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What the caller has been sent to hear and what they have heard (docs/protocols.md, "Media Streams: marks
 * and barge-in" and "Browser media socket"), in bytes of the call's {@link AudioFormat}.
 *
 * <p>On a Twilio stream, played time of the current assistant item is {@code now - itemStart} on the stream's
 * clock, where the item starts playing when it was first sent or, if older audio was still queued, when that
 * ends. Mark echoes give a lower bound, and the result is clamped to the audio actually received.
 *
 * <p>A browser page reports instead how much it has played in all ({@link #played}), which excludes what it
 * dropped on a clear; the item's start on that count is known once the page's report after a clear is in.
 * Played time is then the last report, plus the time since it, minus where the item started.
 *
 * <p>Marks are sparse: one on an item's first chunk, then one per second of audio, and one on the tail when the
 * audio stops ({@link #markTail}). A mark costs a message each way, and the clock or the reports, not the marks,
 * say what was heard; audio sent after the last mark still counts as unplayed.
 */
final class Playback {

    /**
     * A mark every second of audio, every 50th 20 ms frame. Between marks the clock says what was heard, so
     * denser marks only raise the lower bound sooner, at two messages each: at one per 100 ms they were a tenth
     * of a call's messages and about 7 % of its CPU (docs/benchmarks.md, "Fourth round").
     */
    static final int MARK_EVERY_MS = 1000;

    private record Queued(String mark, String itemId, int bytes) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final int bytesPerMs;
    private final int markEveryBytes;
    private final boolean pageReportsPlayed;
    private long nextMark;
    private long playsUntilMicros;
    private String itemId;
    private long itemStartMicros;
    private long itemReceivedBytes;
    private long itemConfirmedBytes;
    /** Audio sent since the last mark: whether there is any, and how much of it is of the current item. */
    private boolean tailOpen;
    private int tailBytes;

    // The page's count of played audio, in bytes. After a clear the count the page dropped to is unknown
    // until its next report, so positions are then kept relative to the clear.
    private boolean countKnown = true;
    private long sentSinceClearBytes;
    private long countAtClearBytes;
    private long itemStartSinceClearBytes;
    private long reportedBytes;
    /** When the last report came, or -1 before the first: until then nothing counts as heard. */
    private long reportedAtMs = -1;

    /**
     * @param pageReportsPlayed whether the caller's side reports what it played ({@link #played}) rather than
     *                          running on a stream clock
     */
    Playback(AudioFormat format, boolean pageReportsPlayed) {
        this.bytesPerMs = format.bytesPerMs();
        this.markEveryBytes = MARK_EVERY_MS * bytesPerMs;
        this.pageReportsPlayed = pageReportsPlayed;
    }

    /**
     * Records audio of an assistant item about to be sent.
     *
     * @return the name of the mark to send right after it, or null when none is due yet
     */
    String queue(String item, int bytes, long nowMs) {
        long now = nowMs * 1000;
        boolean newItem = !item.equals(itemId);
        if (newItem) {
            itemId = item;
            itemStartMicros = Math.max(now, playsUntilMicros);
            itemStartSinceClearBytes = sentSinceClearBytes;
            itemReceivedBytes = 0;
            itemConfirmedBytes = 0;
            // A previous item's unmarked tail is confirmed by this item's first mark; only this item's bytes count.
            tailBytes = 0;
        }
        playsUntilMicros = Math.max(playsUntilMicros, now) + bytes * 1000L / bytesPerMs;
        itemReceivedBytes += bytes;
        sentSinceClearBytes += bytes;
        tailOpen = true;
        tailBytes += bytes;
        return newItem || tailBytes >= markEveryBytes ? mark() : null;
    }

    /**
     * The audio has stopped (the response is done, or its session lost): marks what was sent since the
     * last mark, so its echo says when the caller has heard everything.
     *
     * @return the name of the mark to send now, or null when everything sent is marked
     */
    String markTail() {
        return tailOpen ? mark() : null;
    }

    private String mark() {
        String mark = "m" + (++nextMark);
        queue.addLast(new Queued(mark, itemId, tailBytes));
        tailOpen = false;
        tailBytes = 0;
        return mark;
    }

    /**
     * The caller's side echoed a mark: everything queued up to it has played (or was cleared). Unknown and
     * late names, e.g. echoes after a clear, change nothing.
     *
     * @return whether the mark was one we are waiting for
     */
    boolean markEchoed(String name, long nowMs) {
        if (queue.stream().noneMatch(q -> q.mark().equals(name))) {
            return false;
        }
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            Queued played = it.next();
            it.remove();
            if (played.itemId().equals(itemId)) {
                itemConfirmedBytes += played.bytes();
            }
            if (played.mark().equals(name)) {
                break;
            }
        }
        if (!hasUnplayed()) {
            // Everything has played: our estimate must not run ahead of the caller's side.
            playsUntilMicros = Math.min(playsUntilMicros, nowMs * 1000);
        }
        return true;
    }

    /**
     * The page has played {@code totalMs} of the audio sent since its socket opened, cleared audio not
     * counted. Reports that would move the count back are ignored.
     */
    void played(long totalMs, long nowMs) {
        long total = totalMs * bytesPerMs;
        if (!countKnown) {
            // The first report after a clear: nothing sent since the clear had played when the page dropped
            // its queue, so this is the count that audio starts from.
            countAtClearBytes = total;
            countKnown = true;
        } else if (total < reportedBytes) {
            return;
        }
        reportedBytes = total;
        reportedAtMs = nowMs;
    }

    /** Whether some audio sent has not been confirmed played. */
    boolean hasUnplayed() {
        return !queue.isEmpty() || tailOpen;
    }

    /** The assistant item being played, or null. */
    String currentItem() {
        return itemId;
    }

    /** Whole milliseconds of the current item the caller has heard, never more than was received. */
    long playedMs(long nowMs) {
        long heard;
        if (pageReportsPlayed && countKnown) {
            long sinceReportMs = hasUnplayed() && reportedAtMs >= 0 ? Math.max(0, nowMs - reportedAtMs) : 0;
            long itemStart = countAtClearBytes + itemStartSinceClearBytes;
            heard = (reportedBytes - itemStart) / bytesPerMs + sinceReportMs;
        } else if (pageReportsPlayed) {
            heard = 0;
        } else {
            long byClock = (nowMs * 1000 - itemStartMicros) / 1000;
            heard = Math.max(byClock, itemConfirmedBytes / bytesPerMs);
        }
        return Math.clamp(heard, 0, itemReceivedBytes / bytesPerMs);
    }

    /** Forgets everything queued, as the caller's side does on {@code clear}. */
    void clear(long nowMs) {
        queue.clear();
        tailOpen = false;
        tailBytes = 0;
        itemId = null;
        playsUntilMicros = nowMs * 1000;
        if (pageReportsPlayed) {
            countKnown = false;
            sentSinceClearBytes = 0;
        }
    }
}
