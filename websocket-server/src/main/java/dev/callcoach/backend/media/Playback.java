package dev.callcoach.backend.media;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What the caller has been sent to hear and what they have heard, on the Twilio stream's clock
 * (docs/protocols.md, "Media Streams: marks and barge-in"). μ-law at 8 kHz: 8 bytes a millisecond.
 *
 * <p>Played time of the current assistant item is {@code now - itemStart}, where the item starts
 * playing when it was first sent or, if older audio was still queued, when that ends. Mark echoes
 * give a lower bound, and the result is clamped to the audio actually received.
 *
 * <p>Marks are sparse: one on an item's first chunk, then one per {@link #MARK_EVERY_BYTES} of audio,
 * and one on the tail when the audio stops ({@link #markTail}). A mark costs a message each way, and
 * the clock, not the marks, says what was heard; audio sent after the last mark still counts as unplayed.
 */
final class Playback {

    private static final long MICROS_PER_BYTE = 125;
    /** 100 ms of μ-law: a mark every fifth 20 ms frame. */
    static final int MARK_EVERY_BYTES = 800;

    private record Queued(String mark, String itemId, int bytes) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long nextMark;
    private long playsUntilMicros;
    private String itemId;
    private long itemStartMicros;
    private long itemReceivedBytes;
    private long itemConfirmedBytes;
    /** Audio sent since the last mark: whether there is any, and how much of it is of the current item. */
    private boolean tailOpen;
    private int tailBytes;

    /**
     * Records audio of an assistant item about to be sent to Twilio.
     *
     * @return the name of the mark to send right after it, or null when none is due yet
     */
    String queue(String item, int bytes, long nowMs) {
        long now = nowMs * 1000;
        boolean newItem = !item.equals(itemId);
        if (newItem) {
            itemId = item;
            itemStartMicros = Math.max(now, playsUntilMicros);
            itemReceivedBytes = 0;
            itemConfirmedBytes = 0;
            // A previous item's unmarked tail is confirmed by this item's first mark; only this item's bytes count.
            tailBytes = 0;
        }
        playsUntilMicros = Math.max(playsUntilMicros, now) + bytes * MICROS_PER_BYTE;
        itemReceivedBytes += bytes;
        tailOpen = true;
        tailBytes += bytes;
        return newItem || tailBytes >= MARK_EVERY_BYTES ? mark() : null;
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
     * Twilio echoed a mark: everything queued up to it has played (or was cleared). Unknown and
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
            // Twilio has played everything: our estimate must not run ahead of it.
            playsUntilMicros = Math.min(playsUntilMicros, nowMs * 1000);
        }
        return true;
    }

    /** Whether some audio sent to Twilio has not been confirmed played. */
    boolean hasUnplayed() {
        return !queue.isEmpty() || tailOpen;
    }

    /** The assistant item being played, or null. */
    String currentItem() {
        return itemId;
    }

    /** Whole milliseconds of the current item the caller has heard, never more than was received. */
    long playedMs(long nowMs) {
        long byClock = (nowMs * 1000 - itemStartMicros) / 1000;
        long byMarks = itemConfirmedBytes / 8;
        return Math.clamp(Math.max(byClock, byMarks), 0, itemReceivedBytes / 8);
    }

    /** Forgets everything queued, as Twilio does on {@code clear}. */
    void clear(long nowMs) {
        queue.clear();
        tailOpen = false;
        tailBytes = 0;
        itemId = null;
        playsUntilMicros = nowMs * 1000;
    }
}
