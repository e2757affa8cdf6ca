package dev.callcoach.simulator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's side of one benchmark call's Media Stream, on its socket's event loop: {@code connected}
 * and {@code start}, then one tagged 160-byte μ-law {@code media} frame per 20 ms of real time
 * (due from the stream's start, so a late timer sends the frames it owes and shows as lag), every
 * {@code mark} echoed at once, and a short burst of speech every {@code bargeInFrames} frames.
 */
final class CallerLeg {

    private static final long FRAME_NANOS = 20_000_000;
    /** A barge-in is 200 ms of speech: the peer reacts to its first frame. */
    private static final int SPEECH_FRAMES = 10;
    private static final Set<String> FIELDS = Set.of("event", "media.payload", "mark.name");

    private final Vertx vertx;
    private final WebSocket socket;
    private final Measurements measurements;
    private final int callId;
    private final String streamSid;
    /** Frames between barge-ins, 0 for none; each call starts at its own phase so barge-ins spread out. */
    private final long bargeInFrames;
    private final long bargeInPhase;
    private long startNanos;
    private long framesSent;
    private int sequence;
    private long timer = -1;
    /** Set from the run's thread on hang-up, read by the timer. */
    private volatile boolean closed;
    private volatile boolean hungUp;

    private CallerLeg(Vertx vertx, WebSocket socket, Measurements measurements, int callId, long bargeInFrames) {
        this.vertx = vertx;
        this.socket = socket;
        this.measurements = measurements;
        this.callId = callId;
        this.streamSid = "MZ%032x".formatted(callId);
        this.bargeInFrames = bargeInFrames;
        this.bargeInPhase = bargeInFrames == 0 ? 0 : Math.floorMod(callId * 7919L, bargeInFrames);
    }

    /**
     * Opens the stream at {@code connectUrl} with Twilio's signature of the URL in the TwiML, and
     * starts sending once {@code start} is out.
     */
    static Future<CallerLeg> open(Vertx vertx, WebSocketClient client, Measurements measurements, int callId,
                                  String connectUrl, String signature, String accountSid, String callSid,
                                  Map<String, String> customParameters, long bargeInFrames) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(connectUrl)
                .setConnectTimeout(10_000)
                .addHeader("x-twilio-signature", signature);
        return client.connect(options).map(socket -> {
            CallerLeg leg = new CallerLeg(vertx, socket, measurements, callId, bargeInFrames);
            leg.begin(accountSid, callSid, customParameters);
            return leg;
        });
    }

    private void begin(String accountSid, String callSid, Map<String, String> customParameters) {
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> {
            if (!hungUp) {
                measurements.streamsLost.increment();
            }
            stopSending();
        });
        socket.exceptionHandler(e -> stopSending());
        send(json -> {
            json.writeStringField("event", "connected");
            json.writeStringField("protocol", "Call");
            json.writeStringField("version", "1.0.0");
        });
        send(json -> {
            json.writeStringField("event", "start");
            json.writeStringField("sequenceNumber", Integer.toString(++sequence));
            json.writeObjectFieldStart("start");
            json.writeStringField("accountSid", accountSid);
            json.writeStringField("streamSid", streamSid);
            json.writeStringField("callSid", callSid);
            json.writeArrayFieldStart("tracks");
            json.writeString("inbound");
            json.writeEndArray();
            json.writeObjectFieldStart("customParameters");
            for (Map.Entry<String, String> parameter : customParameters.entrySet()) {
                json.writeStringField(parameter.getKey(), parameter.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("mediaFormat");
            json.writeStringField("encoding", "audio/x-mulaw");
            json.writeNumberField("sampleRate", 8000);
            json.writeNumberField("channels", 1);
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("streamSid", streamSid);
        });
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
            String payload = new AudioTag(callId, (int) index, sentAt, speech).toPayload();
            send(json -> {
                json.writeStringField("event", "media");
                json.writeStringField("sequenceNumber", Integer.toString(++sequence));
                json.writeObjectFieldStart("media");
                json.writeStringField("track", "inbound");
                json.writeStringField("chunk", Long.toString(index + 1));
                json.writeStringField("timestamp", Long.toString(index * 20));
                json.writeStringField("payload", payload);
                json.writeEndObject();
                json.writeStringField("streamSid", streamSid);
            });
            measurements.upSent.increment();
        }
    }

    private void onText(String text) {
        long now = System.nanoTime();
        Map<String, String> fields;
        try {
            fields = JsonFields.read(text, FIELDS);
        } catch (IllegalArgumentException e) {
            measurements.untagged.increment();
            return;
        }
        switch (String.valueOf(fields.get("event"))) {
            case "media" -> {
                AudioTag tag = AudioTag.read(fields.get("media.payload"));
                if (tag == null) {
                    measurements.untagged.increment();
                } else {
                    measurements.down.record(now - tag.sentNanos());
                }
            }
            case "mark" -> {
                String name = String.valueOf(fields.get("mark.name"));
                send(json -> {
                    json.writeStringField("event", "mark");
                    json.writeStringField("sequenceNumber", Integer.toString(++sequence));
                    json.writeStringField("streamSid", streamSid);
                    json.writeObjectFieldStart("mark");
                    json.writeStringField("name", name);
                    json.writeEndObject();
                });
                measurements.marksEchoed.increment();
            }
            case "clear" -> {
                long sent = measurements.speechStartedAt(callId);
                if (sent > 0) {
                    measurements.clear.record(now - sent);
                }
            }
            default -> { }
        }
    }

    /** Hangs up as Twilio does: {@code stop}, then close. Safe from any thread. */
    void hangUp() {
        hungUp = true;
        socket.writeTextMessage(JsonFields.write(json -> {
            json.writeStringField("event", "stop");
            json.writeStringField("sequenceNumber", Integer.toString(sequence + 1));
            json.writeStringField("streamSid", streamSid);
        })).onComplete(done -> socket.close());
        stopSending();
    }

    private void stopSending() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void send(JsonFields.Body body) {
        if (!closed) {
            socket.writeTextMessage(JsonFields.write(body));
        }
    }
}
