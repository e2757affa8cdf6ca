package dev.callcoach.simulator.twilio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * How Twilio plays the audio a bidirectional stream sends: buffered in arrival order and played at
 * 8 bytes per ms of real time. A mark is due once everything queued before it has played (at once
 * when nothing is queued); {@code clear} drops what has not played yet and flushes every pending mark.
 * Audio that plays back to back forms a run; a new run starts whenever audio arrives while idle.
 * Pure logic on a clock the caller passes in (nanoseconds since the stream started), so it is
 * unit-tested without timers. Not thread-safe: the stream's event loop owns it.
 */
final class Playback {

    static final long NANOS_PER_BYTE = 125_000;

    /** A mark that has been echoed; {@code dueNs} is when its audio finished (or the clear time when flushed). */
    record Echo(String name, long receivedNs, long dueNs, boolean flushed) {
    }

    /** What a clear did: how much unplayed audio it dropped and which marks it flushed. */
    record Cleared(long atNs, long droppedBytes, List<Echo> flushed) {
    }

    private record PendingMark(String name, long receivedNs, long dueNs) {
    }

    static final class Run {
        private final long startNs;
        private final ByteArrayOutputStream audio;
        private long bytes;
        private long clearedAtNs = -1;

        private Run(long startNs, boolean keepAudio) {
            this.startNs = startNs;
            this.audio = keepAudio ? new ByteArrayOutputStream() : null;
        }

        long startNs() {
            return startNs;
        }

        /** Bytes this run will have played once it finishes (after a clear: what played before it). */
        long bytes() {
            return bytes;
        }

        long endNs() {
            return startNs + bytes * NANOS_PER_BYTE;
        }

        /** When a clear cut this run short, else -1. */
        long clearedAtNs() {
            return clearedAtNs;
        }

        long playedBytesAt(long ns) {
            return ns <= startNs ? 0 : Math.min(bytes, (ns - startNs) / NANOS_PER_BYTE);
        }

        byte[] playedAudioAt(long ns) {
            return audio == null ? new byte[0] : Arrays.copyOf(audio.toByteArray(), (int) playedBytesAt(ns));
        }
    }

    private final boolean keepAudio;
    private final List<Run> runs = new ArrayList<>();
    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    private Run current;
    private long busyUntilNs = Long.MIN_VALUE;

    Playback(boolean keepAudio) {
        this.keepAudio = keepAudio;
    }

    void enqueueAudio(long nowNs, byte[] audio) {
        if (audio.length == 0) {
            return;
        }
        if (current == null || nowNs >= busyUntilNs) {
            current = new Run(nowNs, keepAudio);
            runs.add(current);
        }
        if (current.audio != null) {
            current.audio.writeBytes(audio);
        }
        current.bytes += audio.length;
        busyUntilNs = current.endNs();
    }

    void enqueueMark(long nowNs, String name) {
        marks.add(new PendingMark(name, nowNs, Math.max(nowNs, busyUntilNs)));
    }

    /** Removes and returns the marks whose audio has played by {@code nowNs}, in order. */
    List<Echo> takeDueMarks(long nowNs) {
        List<Echo> due = new ArrayList<>();
        while (!marks.isEmpty() && marks.peekFirst().dueNs() <= nowNs) {
            PendingMark mark = marks.removeFirst();
            due.add(new Echo(mark.name(), mark.receivedNs(), mark.dueNs(), false));
        }
        return due;
    }

    OptionalLong nextMarkDueNs() {
        return marks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(marks.peekFirst().dueNs());
    }

    Cleared clear(long nowNs) {
        long dropped = 0;
        if (current != null && busyUntilNs > nowNs) {
            long played = current.playedBytesAt(nowNs);
            dropped = current.bytes - played;
            current.bytes = played;
            current.clearedAtNs = nowNs;
            busyUntilNs = nowNs;
        }
        List<Echo> flushed = new ArrayList<>();
        while (!marks.isEmpty()) {
            PendingMark mark = marks.removeFirst();
            flushed.add(new Echo(mark.name(), mark.receivedNs(), nowNs, true));
        }
        return new Cleared(nowNs, dropped, flushed);
    }

    long playedBytesAt(long ns) {
        long total = 0;
        for (Run run : runs) {
            total += run.playedBytesAt(ns);
        }
        return total;
    }

    /** Whether nothing is playing at {@code ns}. */
    boolean idleAt(long ns) {
        return ns >= busyUntilNs;
    }

    /** When playback last went idle (meaningful only while idle); {@link Long#MIN_VALUE} if it never played. */
    long idleSinceNs() {
        return busyUntilNs;
    }

    /** The run playing at {@code ns}, if any. */
    Run runAt(long ns) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run run = runs.get(i);
            if (run.startNs <= ns && ns < run.endNs()) {
                return run;
            }
        }
        return null;
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    byte[] heardAudioAt(long ns) {
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        for (Run run : runs) {
            heard.writeBytes(run.playedAudioAt(ns));
        }
        return heard.toByteArray();
    }
}
