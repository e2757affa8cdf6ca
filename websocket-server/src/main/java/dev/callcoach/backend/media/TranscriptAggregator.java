package dev.callcoach.backend.media;

import dev.callcoach.backend.channel.CallEventPublisher;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.contracts.channel.TranscriptLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns transcript deltas of both sides into a few updates a second: a partial line carries the
 * whole text so far and is sent at most once per interval; the final line goes out at once. Also
 * keeps a short recap of final lines, to brief a replacement Realtime session, and every final line
 * for the coaching report.
 */
final class TranscriptAggregator {

    /** A line longer than this is cut: a transcript is for reading along, not an archive. */
    static final int MAX_LINE_CHARS = 4000;
    private static final Logger LOG = Logger.getLogger(TranscriptAggregator.class);
    private static final int MAX_OPEN_LINES = 16;
    private static final int MAX_RECAP_CHARS = 4000;
    /** Transcript kept for the report, in UTF-8 bytes: with the report it must fit one channel frame. */
    static final int MAX_KEPT_BYTES = 24 * 1024;

    private static final class Line {
        final Speaker speaker;
        final StringBuilder text = new StringBuilder();
        boolean dirty;

        Line(Speaker speaker) {
            this.speaker = speaker;
        }
    }

    private final UUID sessionId;
    private final CallEventPublisher events;
    private final CallScheduler scheduler;
    private final Duration interval;
    private final Map<String, Line> open = new LinkedHashMap<>();
    private final ArrayDeque<String> recap = new ArrayDeque<>();
    private int recapChars;
    private final List<TranscriptLine> kept = new ArrayList<>();
    private final Instant startedAt;
    private int keptBytes;
    private CallScheduler.Cancellable pendingFlush;
    private boolean closed;

    TranscriptAggregator(UUID sessionId, CallEventPublisher events, CallScheduler scheduler, Duration interval) {
        this.sessionId = sessionId;
        this.events = events;
        this.scheduler = scheduler;
        this.interval = interval;
        this.startedAt = scheduler.now();
    }

    void delta(Speaker speaker, String itemId, String delta) {
        if (closed) {
            return;
        }
        Line line = open.computeIfAbsent(itemId, id -> new Line(speaker));
        if (open.size() > MAX_OPEN_LINES) {
            // Lines whose final never came (e.g. a dropped session) must not pile up.
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
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
        publish(speaker, text, true, itemId);
        remember(speaker, text);
        keep(speaker, text);
    }

    /** Every final line so far, oldest first, with its offset from the start of the call. */
    List<TranscriptLine> finalLines() {
        return List.copyOf(kept);
    }

    /** The latest final lines, oldest first, as "Caller: ..." / "You: ...", at most a few thousand characters. */
    String recap() {
        return String.join("\n", recap);
    }

    void close() {
        closed = true;
        if (pendingFlush != null) {
            pendingFlush.cancel();
            pendingFlush = null;
        }
        open.clear();
    }

    private void flushPartials() {
        pendingFlush = null;
        if (closed) {
            return;
        }
        open.forEach((itemId, line) -> {
            if (line.dirty) {
                line.dirty = false;
                publish(line.speaker, line.text.toString(), false, itemId);
            }
        });
    }

    /** A line the channel cannot carry (say, an absurd item id from the server) is dropped, never fatal to the call. */
    private void publish(Speaker speaker, String text, boolean isFinal, String itemId) {
        try {
            events.publish(new TranscriptEvent(sessionId, speaker, text, isFinal, itemId, scheduler.now()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("transcript line dropped session=%s reason=\"%s\"", sessionId, e.getMessage());
        }
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

    private void remember(Speaker speaker, String text) {
        if (text.isBlank()) {
            return;
        }
        String entry = (speaker == Speaker.CALLER ? "Caller: " : "You: ") + text.strip();
        recap.addLast(entry);
        recapChars += entry.length();
        while (recapChars > MAX_RECAP_CHARS && recap.size() > 1) {
            recapChars -= recap.removeFirst().length();
        }
    }
}
