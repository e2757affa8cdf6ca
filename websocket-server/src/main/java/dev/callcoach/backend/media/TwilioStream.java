package dev.callcoach.backend.media;

import dev.callcoach.backend.media.TwilioFrame.Problem;
import dev.callcoach.backend.realtime.AudioFormat;
import dev.callcoach.backend.twilio.Twiml;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A Twilio Media Stream as the caller's side of a call (docs/protocols.md, "Media Streams"): μ-law 8 kHz in
 * JSON text frames, timed by the stream's own clock, with marks and {@code clear}. Reads Twilio's frames into
 * the {@link CallBridge}'s inputs and writes the bridge's outputs as Twilio frames. Call thread only.
 */
final class TwilioStream implements MediaSide {

    private static final Logger LOG = Logger.getLogger(TwilioStream.class);

    /** The WebSocket Twilio opened. */
    interface Socket {
        void send(String frame);

        void close();
    }

    private final Socket socket;
    private final StreamBinding binding;
    private final BridgeMetrics metrics;
    private final CallScheduler scheduler;
    private final MediaClock clock = new MediaClock();
    private CallBridge bridge;
    private boolean started;
    private String streamSid;

    private TwilioStream(Socket socket, StreamBinding binding, BridgeMetrics metrics, CallScheduler scheduler) {
        this.socket = socket;
        this.binding = binding;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** A stream that just opened, with its bridge. */
    static TwilioStream open(CallBridge.Dependencies deps, Socket socket, CallScheduler scheduler, StreamBinding binding) {
        TwilioStream stream = new TwilioStream(socket, binding, deps.metrics(), scheduler);
        stream.bridge = new CallBridge(deps, stream, scheduler);
        return stream;
    }

    CallBridge bridge() {
        return bridge;
    }

    // ---- Twilio's frames ----

    void onText(String text) {
        long receivedNanos = scheduler.nanoTime();
        switch (MediaStreamMessages.parse(text)) {
            case TwilioFrame.Media media -> onMedia(media, receivedNanos);
            case TwilioFrame.Mark mark -> bridge.markPlayed(mark.name());
            case TwilioFrame.Start start -> onStart(start);
            case TwilioFrame.Stop stop -> bridge.sideEnded("caller-hung-up");
            case TwilioFrame.Connected connected -> { }
            case TwilioFrame.Dtmf dtmf -> bridge.keyPressed(dtmf.digit());
            case TwilioFrame.Malformed malformed -> malformed(malformed.problem(), malformed.detail());
        }
    }

    void onBinary() {
        malformed(Problem.BINARY, "binary frame");
    }

    void onClosed() {
        bridge.sideEnded("stream-closed");
    }

    private void onStart(TwilioFrame.Start start) {
        if (started) {
            malformed(Problem.OUT_OF_ORDER, "second start");
            return;
        }
        started = true;
        streamSid = start.streamSid();
        Optional<String> unbound = binding.refusal(start);
        if (unbound.isPresent()) {
            LOG.warnf("stream refused stream=%s reason=%s", streamSid, unbound.get());
            bridge.sideEnded("stream-not-bound");
            return;
        }
        Optional<UUID> session = parseSessionId(start.parameters().get(Twiml.SESSION_PARAMETER));
        if (session.isEmpty()) {
            LOG.warnf("stream refused stream=%s reason=no-valid-session-parameter", streamSid);
            bridge.sideEnded("no-session");
            return;
        }
        bridge.begin(session.get(), start.callSid());
    }

    private void onMedia(TwilioFrame.Media media, long receivedNanos) {
        if (!started) {
            malformed(Problem.OUT_OF_ORDER, "media before start");
            return;
        }
        clock.onMedia(media.timestampMs(), receivedNanos);
        // Twilio sends in real time, so a frame behind the stream clock waited that long in our socket:
        // the clock, not our own read time, says when it arrived.
        bridge.callerAudio(media.payload(), receivedNanos, clock.nowMs(receivedNanos) - media.timestampMs());
    }

    private void malformed(Problem problem, String detail) {
        metrics.malformed(problem);
        bridge.malformed(problem.tag(), detail);
    }

    // ---- the bridge's outputs ----

    @Override
    public AudioFormat format() {
        return AudioFormat.PCMU;
    }

    @Override
    public boolean reportsPlayed() {
        return false;
    }

    @Override
    public boolean statusReportedElsewhere() {
        return true;
    }

    @Override
    public long clockMs(long nowNanos) {
        return clock.nowMs(nowNanos);
    }

    @Override
    public void sendAudio(String base64) {
        socket.send(MediaStreamMessages.media(streamSid, base64));
    }

    @Override
    public void sendMark(String name) {
        socket.send(MediaStreamMessages.mark(streamSid, name));
    }

    @Override
    public void clear() {
        socket.send(MediaStreamMessages.clear(streamSid));
    }

    @Override
    public void close() {
        socket.close();
    }

    private static Optional<UUID> parseSessionId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
