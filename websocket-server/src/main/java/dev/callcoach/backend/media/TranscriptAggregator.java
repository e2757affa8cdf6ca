package dev.callcoach.backend.media;

import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.scenario.CallerText;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.contracts.channel.TranscriptLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns transcript deltas of both sides into a few updates a second: a partial line carries the
 * whole text so far and is sent at most once per interval; the final line goes out at once. Also
 * keeps a short recap of final lines, to brief a replacement Realtime session, and every final line
 * for the coaching report.
 *
 * <p>Lines follow the conversation's item order ({@code previous_item_id}), not arrival order: the
 * caller's transcription runs alongside the AI's reply and may land after it, so a line placed after
 * a caller item whose transcript is still coming is held back until that transcript is in (or
 * failed, shown as {@value #INAUDIBLE}), at most {@link #MAX_HOLD}, so the page and the recap never
 * show the answer before the question.
 */
final class TranscriptAggregator {

    /** A line longer than this is cut: a transcript is for reading along, not an archive. */
    static final int MAX_LINE_CHARS = 4000;
    /** What stands in the transcript for caller words that could not be transcribed. */
    static final String INAUDIBLE = "(inaudible)";
    /** Transcript kept for the report, in UTF-8 bytes: with the report it must fit one channel frame. */
    static final int MAX_KEPT_BYTES = 24 * 1024;
    /** What stands in the transcript for a key the caller pressed, e.g. "(pressed 5)". */
    static final String KEY_PRESSED = "(pressed %s)";
    /** Longest a line waits for an earlier caller transcript; transcription can stall without ever failing. */
    static final Duration MAX_HOLD = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(TranscriptAggregator.class);
    private static final int MAX_OPEN_LINES = 16;
    private static final int MAX_RECAP_CHARS = 4000;
    /** Items remembered for ordering; older ones are long since final. */
    private static final int MAX_ORDERED_ITEMS = 64;

    private static final class Line {
        final Speaker speaker;
        final StringBuilder text = new StringBuilder();
        boolean dirty;

        Line(Speaker speaker) {
            this.speaker = speaker;
        }
    }

    private record Held(Speaker speaker, String text, long sinceNanos) {
    }

    private final UUID sessionId;
    private final CallEventPublisher events;
    private final CallScheduler scheduler;
    private final Duration interval;
    private final Map<String, Line> open = new LinkedHashMap<>();
    private final Map<String, Long> firstSeenNanos = new HashMap<>();
    private final ArrayDeque<String> recap = new ArrayDeque<>();
    /** Item ids in conversation order. */
    private final List<String> order = new ArrayList<>();
    /** Caller items whose transcript has not arrived yet. */
    private final Set<String> awaiting = new HashSet<>();
    /** Items whose final line was seen, so a late placement does not wait for them again. */
    private final SequencedSet<String> finished = new LinkedHashSet<>();
    private final Map<String, Held> held = new HashMap<>();
    private int recapChars;
    private int keyPresses;
    private final List<TranscriptLine> kept = new ArrayList<>();
    private final Instant startedAt;
    private int keptBytes;
    private CallScheduler.Cancellable pendingFlush;
    private CallScheduler.Cancellable holdCheck;
    private boolean closed;

    TranscriptAggregator(UUID sessionId, CallEventPublisher events, CallScheduler scheduler, Duration interval) {
        this.sessionId = sessionId;
        this.events = events;
        this.scheduler = scheduler;
        this.interval = interval;
        this.startedAt = scheduler.now();
    }

    /** An item took its place in the conversation, after {@code previousItemId} (null: at the end). */
    void placed(String itemId, String previousItemId, boolean callerAudio) {
        if (closed || order.contains(itemId)) {
            return;
        }
        int after = previousItemId == null ? -1 : order.indexOf(previousItemId);
        order.add(after < 0 ? order.size() : after + 1, itemId);
        if (callerAudio && !finished.contains(itemId)) {
            awaiting.add(itemId);
        }
        if (order.size() > MAX_ORDERED_ITEMS) {
            awaiting.remove(order.removeFirst());
        }
    }

    void delta(Speaker speaker, String itemId, String delta) {
        if (closed) {
            return;
        }
        Line line = open.computeIfAbsent(itemId, id -> new Line(speaker));
        firstSeenNanos.putIfAbsent(itemId, scheduler.nanoTime());
        if (open.size() > MAX_OPEN_LINES) {
            // Lines whose final never came (e.g. a dropped session) must not pile up.
            Iterator<String> oldest = open.keySet().iterator();
            firstSeenNanos.remove(oldest.next());
            oldest.remove();
        }
        int room = MAX_LINE_CHARS - line.text.length();
        if (room > 0) {
            line.text.append(delta, 0, Math.min(room, delta.length()));
            line.dirty = true;
        }
        if (pendingFlush == null) {
            pendingFlush = scheduler.schedule(interval, this::flushPartials);
        }
    }

    void done(Speaker speaker, String itemId, String transcript) {
        if (closed) {
            return;
        }
        Line line = open.remove(itemId);
        String text = transcript != null ? transcript : line != null ? line.text.toString() : "";
        text = text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) : text;
        long since = firstSeenNanos.getOrDefault(itemId, scheduler.nanoTime());
        firstSeenNanos.remove(itemId);
        awaiting.remove(itemId);
        finished.add(itemId);
        if (finished.size() > MAX_ORDERED_ITEMS) {
            finished.removeFirst();
        }
        held.put(itemId, new Held(speaker, text, since));
        releaseHeld();
    }

    /** The caller's words of this item could not be transcribed: a placeholder keeps its place. */
    void failed(String itemId) {
        done(Speaker.CALLER, itemId, INAUDIBLE);
    }

    /** The caller pressed a key: a line of its own, at once. */
    void keyPressed(String digit) {
        if (closed) {
            return;
        }
        String text = KEY_PRESSED.formatted(digit);
        publish(Speaker.CALLER, text, true, "dtmf-" + ++keyPresses);
        remember(Speaker.CALLER, text);
        keep(Speaker.CALLER, text);
    }

    /**
     * The latest final lines, oldest first, as {@code Caller: "..."} / {@code You: "..."}, each quoted
     * by {@link CallerText}; at most a few thousand characters.
     */
    String recap() {
        return String.join("\n", recap);
    }

    void close() {
        // What still waited for an earlier line goes out now, in order: the call's end must not lose it.
        releaseHeld(true);
        closed = true;
        cancelTimer(pendingFlush);
        pendingFlush = null;
        cancelTimer(holdCheck);
        holdCheck = null;
        open.clear();
        held.clear();
    }

    /** Publishes, in conversation order, every held final line nothing earlier waits for (or that waited long enough). */
    /** Every final line so far, in conversation order, with its offset from the start of the call. */
    List<TranscriptLine> finalLines() {
        return List.copyOf(kept);
    }

    private void keep(Speaker speaker, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (text.isBlank() || keptBytes + bytes > MAX_KEPT_BYTES) {
            return;
        }
        keptBytes += bytes;
        kept.add(new TranscriptLine(speaker, text.strip(),
                Math.max(0, Duration.between(startedAt, scheduler.now()).toMillis())));
    }

    private void releaseHeld() {
        releaseHeld(false);
    }

    /** @param all also the lines still waiting for an earlier caller transcript: the call is over */
    private void releaseHeld(boolean all) {
        List<String> ready = new ArrayList<>(held.keySet());
        ready.sort((a, b) -> Integer.compare(position(a), position(b)));
        long now = scheduler.nanoTime();
        for (String itemId : ready) {
            Held line = held.get(itemId);
            if (!all && blocked(itemId) && !expired(line.sinceNanos(), now)) {
                continue;
            }
            held.remove(itemId);
            publish(line.speaker(), line.text(), true, itemId);
            remember(line.speaker(), line.text());
            keep(line.speaker(), line.text());
        }
        if (!held.isEmpty() && holdCheck == null) {
            holdCheck = scheduler.schedule(MAX_HOLD, () -> {
                holdCheck = null;
                if (!closed) {
                    releaseHeld();
                }
            });
        }
    }

    private void flushPartials() {
        pendingFlush = null;
        if (closed) {
            return;
        }
        long now = scheduler.nanoTime();
        boolean waiting = false;
        for (Map.Entry<String, Line> entry : open.entrySet()) {
            Line line = entry.getValue();
            if (!line.dirty) {
                continue;
            }
            if (blocked(entry.getKey()) && !expired(firstSeenNanos.getOrDefault(entry.getKey(), now), now)) {
                waiting = true;
                continue;
            }
            line.dirty = false;
            publish(line.speaker, line.text.toString(), false, entry.getKey());
        }
        if (waiting) {
            pendingFlush = scheduler.schedule(interval, this::flushPartials);
        }
    }

    /** Whether a caller item placed before this one still waits for its transcript. */
    private boolean blocked(String itemId) {
        int position = order.indexOf(itemId);
        for (int i = 0; i < position; i++) {
            if (awaiting.contains(order.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Items never placed (unknown to the ordering) go last among the ready ones, in arrival order. */
    private int position(String itemId) {
        int position = order.indexOf(itemId);
        return position < 0 ? Integer.MAX_VALUE : position;
    }

    private static boolean expired(long sinceNanos, long nowNanos) {
        return nowNanos - sinceNanos >= MAX_HOLD.toNanos();
    }

    /** A line the channel cannot carry (say, an absurd item id from the server) is dropped, never fatal to the call. */
    private void publish(Speaker speaker, String text, boolean isFinal, String itemId) {
        try {
            events.publish(new TranscriptEvent(sessionId, speaker, text, isFinal, itemId, scheduler.now()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("transcript line dropped session=%s reason=\"%s\"", sessionId, e.getMessage());
        }
    }

    private void remember(Speaker speaker, String text) {
        if (text.isBlank()) {
            return;
        }
        // The caller's words, and the AI's which may repeat them, go back to the model as quoted data.
        String entry = (speaker == Speaker.CALLER ? "Caller: " : "You: ") + CallerText.quoted(text);
        recap.addLast(entry);
        recapChars += entry.length();
        while (recapChars > MAX_RECAP_CHARS && recap.size() > 1) {
            recapChars -= recap.removeFirst().length();
        }
    }

    private static void cancelTimer(CallScheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
