package dev.callcoach.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.HttpEndpoint;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest bridge that makes both fakes talk (the pattern in docs/protocols.md, "Media Streams: marks and barge-in"): a
 * test fixture proving the simulators interoperate, not the product's bridge. Serves TwiML at
 * {@code /twiml}, accepts the stream at {@code /media}, and per call opens one Realtime session.
 */
final class ReferenceBridge implements AutoCloseable {

    static final String PUBLIC = "https://bridge.example.com";

    final AtomicLong lastTruncateMs = new AtomicLong(-1);
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final String realtimeUrl;
    private final String apiKey;

    ReferenceBridge(String realtimeUrl, String apiKey) {
        this.realtimeUrl = realtimeUrl;
        this.apiKey = apiKey;
        server = HttpEndpoint.await(vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/media")) {
                request.toWebSocket().onSuccess(this::bridge);
            } else {
                request.response().putHeader("Content-Type", "text/xml").end("<Response><Connect><Stream url=\"wss://bridge.example.com/media\">"
                        + "<Parameter name=\"scenario\" value=\"restaurant\"/></Stream></Connect></Response>");
            }
        }).listen(0, "127.0.0.1"));
    }

    int port() {
        return server.actualPort();
    }

    private void bridge(ServerWebSocket twilio) {
        var state = new Object() {
            WebSocket openai;
            String streamSid;
            long latestMediaTimestamp;
            long responseStart = -1;
            String itemId;
            long itemAudioBytes;
            final ArrayDeque<String> marks = new ArrayDeque<>();
            int markCounter;
        };
        vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setAbsoluteURI(realtimeUrl)
                .addHeader("Authorization", "Bearer " + apiKey)).onSuccess(openai -> {
            state.openai = openai;
            openai.writeTextMessage("""
                    {"type":"session.update","session":{"type":"realtime","instructions":"Be a restaurant host.",
                     "audio":{"input":{"format":{"type":"audio/pcmu"},"transcription":{"model":"gpt-4o-transcribe"},
                       "turn_detection":{"type":"server_vad","silence_duration_ms":500,"create_response":true,"interrupt_response":true}},
                      "output":{"format":{"type":"audio/pcmu"},"voice":"marin"}},
                     "tools":[{"type":"function","name":"end_call","description":"Hang up","parameters":{"type":"object"}}]}}""");
            openai.writeTextMessage("{\"type\":\"response.create\"}");
            openai.textMessageHandler(text -> {
                JsonNode event = parse(text);
                switch (event.path("type").asText()) {
                    case "response.output_audio.delta" -> {
                        if (!event.path("item_id").asText().equals(state.itemId)) {
                            state.itemId = event.path("item_id").asText();
                            state.responseStart = state.latestMediaTimestamp;
                            state.itemAudioBytes = 0;
                        }
                        state.itemAudioBytes += Base64.getDecoder().decode(event.path("delta").asText()).length;
                        ObjectNode media = Json.object().put("event", "media").put("streamSid", state.streamSid);
                        media.putObject("media").put("payload", event.path("delta").asText());
                        twilio.writeTextMessage(Json.write(media));
                        String mark = "m" + (++state.markCounter);
                        state.marks.add(mark);
                        ObjectNode markEvent = Json.object().put("event", "mark").put("streamSid", state.streamSid);
                        markEvent.putObject("mark").put("name", mark);
                        twilio.writeTextMessage(Json.write(markEvent));
                    }
                    case "input_audio_buffer.speech_started" -> {
                        if (!state.marks.isEmpty() && state.responseStart >= 0) {
                            long elapsed = Math.min(state.latestMediaTimestamp - state.responseStart, state.itemAudioBytes / 8);
                            lastTruncateMs.set(elapsed);
                            openai.writeTextMessage("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + state.itemId
                                    + "\",\"content_index\":0,\"audio_end_ms\":" + elapsed + "}");
                            twilio.writeTextMessage("{\"event\":\"clear\",\"streamSid\":\"" + state.streamSid + "\"}");
                            state.marks.clear();
                            state.itemId = null;
                            state.responseStart = -1;
                        }
                    }
                    case "response.function_call_arguments.done" -> {
                        if (event.path("name").asText().equals("end_call")) {
                            twilio.close();
                        }
                    }
                    default -> { }
                }
            });
        });
        twilio.textMessageHandler(text -> {
            JsonNode message = parse(text);
            switch (message.path("event").asText()) {
                case "start" -> state.streamSid = message.path("streamSid").asText();
                case "media" -> {
                    state.latestMediaTimestamp = message.at("/media/timestamp").asLong();
                    if (state.openai != null) {
                        state.openai.writeTextMessage("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                                + message.at("/media/payload").asText() + "\"}");
                    }
                }
                case "mark" -> state.marks.remove(message.at("/mark/name").asText());
                default -> { }
            }
        });
        twilio.closeHandler(v -> {
            if (state.openai != null) {
                state.openai.close();
            }
        });
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        HttpEndpoint.await(vertx.close());
    }
}
