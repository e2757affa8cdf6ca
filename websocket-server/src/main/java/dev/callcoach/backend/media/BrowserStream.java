package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.AudioFormat;
import java.util.Base64;
import java.util.UUID;

/**
 * A browser's media socket as the caller's side of a call (docs/protocols.md, "Browser media socket"):
 * PCM16 24 kHz in binary frames both ways, marks and {@code clear} as small JSON texts, and the page's
 * reports of how much it has played. The socket was admitted for one session at its upgrade, so the call
 * begins as soon as it opens. Call thread only.
 */
final class BrowserStream implements MediaSide {

    /** The page's WebSocket. */
    interface Socket {
        void sendText(String frame);

        void sendBinary(byte[] frame);

        void close();
    }

    private final Socket socket;
    private final BridgeMetrics metrics;
    private final CallScheduler scheduler;
    private CallBridge bridge;

    private BrowserStream(Socket socket, BridgeMetrics metrics, CallScheduler scheduler) {
        this.socket = socket;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** A socket admitted for {@code session} that just opened, with its bridge, which starts the call. */
    static BrowserStream open(CallBridge.Dependencies deps, Socket socket, CallScheduler scheduler, UUID session) {
        BrowserStream stream = new BrowserStream(socket, deps.metrics(), scheduler);
        stream.bridge = new CallBridge(deps, stream, scheduler);
        stream.bridge.begin(session, null);
        return stream;
    }

    CallBridge bridge() {
        return bridge;
    }

    // ---- the page's frames ----

    void onBinary(byte[] frame) {
        long receivedNanos = scheduler.nanoTime();
        dispatch(BrowserMessages.audio(frame), receivedNanos);
    }

    void onText(String frame) {
        dispatch(BrowserMessages.text(frame), scheduler.nanoTime());
    }

    void onClosed() {
        bridge.sideEnded("page-closed");
    }

    private void dispatch(BrowserFrame frame, long receivedNanos) {
        switch (frame) {
            // The page sends as it records; with no stream clock, lateness cannot be told, only our own delays.
            case BrowserFrame.Audio audio ->
                    bridge.callerAudio(Base64.getEncoder().encodeToString(audio.pcm()), receivedNanos, 0);
            case BrowserFrame.Mark mark -> bridge.markPlayed(mark.name());
            case BrowserFrame.Played played -> bridge.played(played.ms());
            case BrowserFrame.Malformed malformed -> {
                metrics.malformed(malformed.problem());
                bridge.malformed(malformed.problem().tag(), malformed.detail());
            }
        }
    }

    // ---- the bridge's outputs ----

    @Override
    public AudioFormat format() {
        return AudioFormat.PCM16_24K;
    }

    @Override
    public boolean reportsPlayed() {
        return true;
    }

    @Override
    public boolean statusReportedElsewhere() {
        return false;
    }

    @Override
    public long clockMs(long nowNanos) {
        return nowNanos / 1_000_000;
    }

    @Override
    public void sendAudio(String base64) {
        // The page plays raw samples; decoding here spares it a base64 pass per 20 ms.
        socket.sendBinary(Base64.getDecoder().decode(base64));
    }

    @Override
    public void sendMark(String name) {
        socket.sendText(BrowserMessages.mark(name));
    }

    @Override
    public void clear() {
        socket.sendText(BrowserMessages.clear());
    }

    @Override
    public void close() {
        socket.close();
    }
}
