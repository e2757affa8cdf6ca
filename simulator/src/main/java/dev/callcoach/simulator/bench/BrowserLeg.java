package dev.callcoach.simulator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.Set;

/**
 * A browser practising on one benchmark call, as the page's script speaks the media socket
 * (docs/protocols.md, "Browser media socket"): tagged 20 ms PCM16 frames at 24 kHz as binary messages
 * ({@link CallerSide}), AI audio taken as played the moment it arrives, its position reported every
 * 100 ms and after a {@code clear}, every {@code mark} echoed at once.
 */
final class BrowserLeg extends CallerSide {

    private static final Set<String> FIELDS = Set.of("type", "name");
    /** 24 kHz PCM16: bytes of audio per millisecond. */
    private static final int BYTES_PER_MS = 48;
    /** Frames between two position reports: 100 ms. */
    private static final int FRAMES_PER_REPORT = 5;

    private long playedBytes;

    private BrowserLeg(Vertx vertx, WebSocket socket, Measurements measurements, int callId, long bargeInFrames) {
        super(vertx, socket, measurements, callId, bargeInFrames);
    }

    /** Opens the media socket with its single-use token, from the page's origin. */
    static Future<CallerSide> open(Vertx vertx, WebSocketClient client, Measurements measurements, int callId,
                                   String mediaUrl, String token, String origin, long bargeInFrames) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(mediaUrl + "?token=" + token)
                .setConnectTimeout(10_000)
                .addHeader("Origin", origin);
        return client.connect(options).map(socket -> {
            BrowserLeg leg = new BrowserLeg(vertx, socket, measurements, callId, bargeInFrames);
            socket.binaryMessageHandler(leg::onAudio);
            socket.textMessageHandler(leg::onText);
            leg.startSending();
            return leg;
        });
    }

    @Override
    protected void sendFrame(AudioTag tag, long index) {
        socket.writeBinaryMessage(Buffer.buffer(tag.toPcmFrame()));
        if (index % FRAMES_PER_REPORT == 0) {
            reportPlayed();
        }
    }

    private void onAudio(Buffer audio) {
        long now = System.nanoTime();
        playedBytes += audio.length();
        heard(AudioTag.readFrame(audio.getBytes(0, Math.min(audio.length(), AudioTag.PCM_FRAME_BYTES))), now);
    }

    private void onText(String text) {
        long now = System.nanoTime();
        Map<String, String> fields = fields(text, FIELDS);
        if (fields == null) {
            return;
        }
        switch (String.valueOf(fields.get("type"))) {
            case "mark" -> {
                String name = String.valueOf(fields.get("name"));
                send(JsonFields.write(json -> {
                    json.writeStringField("type", "mark");
                    json.writeStringField("name", name);
                }));
                measurements.marksEchoed.increment();
            }
            case "clear" -> {
                cleared(now);
                reportPlayed();
            }
            default -> { }
        }
    }

    private void reportPlayed() {
        long ms = playedBytes / BYTES_PER_MS;
        send(JsonFields.write(json -> {
            json.writeStringField("type", "played");
            json.writeNumberField("ms", ms);
        }));
    }

    /** The page's End: the socket closes, which ends the call. */
    @Override
    void hangUp() {
        endCall();
        socket.close();
    }

    private void send(String text) {
        if (sending()) {
            socket.writeTextMessage(text);
        }
    }
}
