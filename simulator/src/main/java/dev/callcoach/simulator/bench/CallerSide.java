package dev.callcoach.simulator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.util.Map;
import java.util.Set;

/**
 * The caller's end of one benchmark call, whatever carries it (a Twilio Media Stream or a browser's
 * media socket), on its socket's event loop: one tagged 20 ms frame per 20 ms of real time, due from the
 * start (a late timer sends the frames it owes, so lateness shows as lag, never as fewer frames), and a
 * short burst of speech every {@code bargeInFrames} frames. Subclasses say how a frame goes out and read
 * what comes back.
 */
abstract sealed class CallerSide permits CallerLeg, BrowserLeg {

    private static final long FRAME_NANOS = 20_000_000;
    /** A barge-in is 200 ms of speech: the peer reacts to its first frame. */
    private static final int SPEECH_FRAMES = 10;

    protected final Vertx vertx;
    protected final WebSocket socket;
    protected final Measurements measurements;
    protected final int callId;
    /** Frames between barge-ins, 0 for none; each call starts at its own phase so barge-ins spread out. */
    private final long bargeInFrames;
    private final long bargeInPhase;
    private long startNanos;
    private long framesSent;
    private long timer = -1;
    /** Set from the run's thread on hang-up, read by the timer. */
    private volatile boolean closed;
    private volatile boolean hungUp;

    CallerSide(Vertx vertx, WebSocket socket, Measurements measurements, int callId, long bargeInFrames) {
        this.vertx = vertx;
        this.socket = socket;
        this.measurements = measurements;
        this.callId = callId;
        this.bargeInFrames = bargeInFrames;
        this.bargeInPhase = bargeInFrames == 0 ? 0 : Math.floorMod(callId * 7919L, bargeInFrames);
    }

    /** Hangs up as the real caller's side does; safe from any thread. */
    abstract void hangUp();

    /** Sends one frame carrying {@code tag}, the {@code index}-th of the stream. */
    protected abstract void sendFrame(AudioTag tag, long index);

    /** Watches the socket end, then sends frames from now on. */
    protected final void startSending() {
        socket.closeHandler(v -> {
            if (!hungUp) {
                measurements.streamsLost.increment();
            }
            stopSending();
        });
        socket.exceptionHandler(e -> stopSending());
        startNanos = System.nanoTime();
        // The socket's context: the timer runs on the same event loop as the socket's handlers.
        timer = vertx.setPeriodic(20, id -> sendDueFrames());
    }

    private void sendDueFrames() {
        long due = (System.nanoTime() - startNanos) / FRAME_NANOS + 1;
        while (framesSent < due && !closed) {
            long index = framesSent++;
            long sentAt = System.nanoTime();
            measurements.generatorLag.record(sentAt - (startNanos + index * FRAME_NANOS));
            long phase = bargeInFrames == 0 ? -1 : (index + bargeInPhase) % bargeInFrames;
            boolean speech = phase >= 0 && phase < SPEECH_FRAMES && index >= bargeInFrames;
            if (phase == 0 && speech) {
                measurements.bargeIns.increment();
            }
            sendFrame(new AudioTag(callId, (int) index, sentAt, speech), index);
            measurements.upSent.increment();
        }
    }

    /** The named fields of a text message, or null (counted as untagged) when it is not readable JSON. */
    protected final Map<String, String> fields(String text, Set<String> names) {
        try {
            return JsonFields.read(text, names);
        } catch (IllegalArgumentException e) {
            measurements.untagged.increment();
            return null;
        }
    }

    /** AI audio reached the caller. */
    protected final void heard(AudioTag tag, long now) {
        if (tag == null) {
            measurements.untagged.increment();
        } else {
            measurements.down.record(now - tag.sentNanos());
        }
    }

    /** The bridge told the caller's side to drop unplayed audio. */
    protected final void cleared(long now) {
        long sent = measurements.speechStartedAt(callId);
        if (sent > 0) {
            measurements.clear.record(now - sent);
        }
    }

    protected final boolean sending() {
        return !closed;
    }

    /** Stops the frames; what is sent after this is the subclass's goodbye. */
    protected final void endCall() {
        hungUp = true;
        stopSending();
    }

    private void stopSending() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
