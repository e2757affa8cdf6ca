package dev.callcoach.simulator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's side of one benchmark call's Media Stream: {@code connected} and {@code start}, then one
 * tagged 160-byte μ-law {@code media} frame per 20 ms ({@link CallerSide}), every {@code mark} echoed at once.
 */
final class CallerLeg extends CallerSide {

    private static final Set<String> FIELDS = Set.of("event", "media.payload", "mark.name");

    private final String streamSid;
    private int sequence;

    private CallerLeg(Vertx vertx, WebSocket socket, Measurements measurements, int callId, long bargeInFrames) {
        super(vertx, socket, measurements, callId, bargeInFrames);
        this.streamSid = "MZ%032x".formatted(callId);
    }

    /**
     * Opens the stream at {@code connectUrl} with Twilio's signature of the URL in the TwiML, and
     * starts sending once {@code start} is out.
     */
    static Future<CallerSide> open(Vertx vertx, WebSocketClient client, Measurements measurements, int callId,
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
        startSending();
    }

    @Override
    protected void sendFrame(AudioTag tag, long index) {
        String payload = tag.toPayload();
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
    }

    private void onText(String text) {
        long now = System.nanoTime();
        Map<String, String> fields = fields(text, FIELDS);
        if (fields == null) {
            return;
        }
        switch (String.valueOf(fields.get("event"))) {
            case "media" -> heard(AudioTag.read(fields.get("media.payload")), now);
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
            case "clear" -> cleared(now);
            default -> { }
        }
    }

    /** Hangs up as Twilio does: {@code stop}, then close. */
    @Override
    void hangUp() {
        endCall();
        socket.writeTextMessage(JsonFields.write(json -> {
            json.writeStringField("event", "stop");
            json.writeStringField("sequenceNumber", Integer.toString(sequence + 1));
            json.writeStringField("streamSid", streamSid);
        })).onComplete(done -> socket.close());
    }

    private void send(JsonFields.Body body) {
        if (sending()) {
            socket.writeTextMessage(JsonFields.write(body));
        }
    }
}
