package dev.callcoach.simulator.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * One Realtime session of the {@link RealtimePeer}, on its connection's event loop.
 *
 * <p>Audio out: once the bridge asks for a response, a tagged 20 ms delta (in the output format the
 * session was given: μ-law, or PCM16 at 24 kHz for a browser call) is due every 20 ms of real time, counted from the first one, so timer jitter shows as lag and never as drift.
 *
 * <p>Barge-in, as the real server does it with {@code interrupt_response} on (docs/protocols.md,
 * "Realtime: server events" and "Barge-in over WebSocket"): when a frame tagged as speech starts an
 * utterance while a response runs, the next delta is followed at once by
 * {@code input_audio_buffer.speech_started}, then {@code response.done} with status
 * {@code cancelled} (reason {@code turn_detected}), then a new response and item whose deltas follow.
 * Sending {@code speech_started} right behind a delta means the bridge still has audio whose mark
 * has not come back, however fast the generator echoes marks, so every barge-in is one the bridge
 * must act on with {@code clear} and {@code conversation.item.truncate}.
 */
final class PeerConnection {

    private static final long FRAME_NANOS = 20_000_000;
    private static final Set<String> FIELDS = Set.of("type", "audio", "item_id", "audio_end_ms");

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final Measurements measurements;
    private final int index;
    private final String model;

    /** The generator's number for this call, learned from the first tagged frame. */
    private int callId = -1;
    private long events;
    private int responses;
    private int items;
    private String responseId;
    private String itemId;
    private boolean responseActive;
    private long timer = -1;
    private long firstDeltaNanos;
    private long deltasDue;
    private int sequence;
    private long appendedMs;
    private boolean callerSpeaking;
    private boolean bargeInPending;
    private boolean closed;
    /** The session speaks 24 kHz PCM (a browser call) rather than μ-law (a phone call). */
    private boolean pcm;

    PeerConnection(Vertx vertx, ServerWebSocket socket, Measurements measurements, int index, String model) {
        this.vertx = vertx;
        this.socket = socket;
        this.measurements = measurements;
        this.index = index;
        this.model = model;
    }

    void start() {
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> stop());
        socket.exceptionHandler(e -> stop());
        send(json -> {
            header(json, "session.created");
            json.writeObjectFieldStart("session");
            json.writeStringField("id", "sess_bench_" + index);
            json.writeStringField("object", "realtime.session");
            json.writeStringField("type", "realtime");
            json.writeStringField("model", model);
            json.writeEndObject();
        });
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        Map<String, String> fields;
        try {
            fields = JsonFields.read(text, FIELDS);
        } catch (IllegalArgumentException e) {
            error("invalid_json", e.getMessage());
            return;
        }
        switch (String.valueOf(fields.get("type"))) {
            case "input_audio_buffer.append" -> onAudio(fields.get("audio"), now);
            case "session.update" -> onSessionUpdate(text);
            case "response.create" -> {
                if (responseActive) {
                    error("conversation_already_has_active_response",
                            "Conversation already has an active response in progress: " + responseId + ".");
                } else {
                    startResponse();
                }
            }
            case "response.cancel" -> {
                if (responseActive) {
                    endResponse("client_cancelled");
                }
            }
            case "conversation.item.truncate" -> onTruncate(fields, now);
            // Wrap-up and goodbye messages, function outputs: nothing a load run needs to answer.
            default -> { }
        }
    }

    private void onAudio(String payload, long now) {
        AudioTag tag = AudioTag.read(payload);
        if (tag == null) {
            measurements.untagged.increment();
            return;
        }
        measurements.up.record(now - tag.sentNanos());
        callId = tag.callId();
        appendedMs += 20;
        if (tag.speech() && !callerSpeaking && responseActive) {
            bargeInPending = true;
        }
        callerSpeaking = tag.speech();
    }

    private void onSessionUpdate(String text) {
        JsonNode update;
        try {
            update = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            error("invalid_json", "session.update is not JSON");
            return;
        }
        ObjectNode session = update.path("session").isObject() ? ((ObjectNode) update.get("session")).deepCopy() : Json.object();
        session.put("id", "sess_bench_" + index).put("object", "realtime.session").put("model", model);
        ObjectNode output = session.withObject("/audio/output");
        if (!output.has("format")) {
            output.putObject("format").put("type", "audio/pcmu");
        }
        pcm = "audio/pcm".equals(output.path("format").path("type").asText());
        send(json -> {
            header(json, "session.updated");
            json.writeFieldName("session");
            json.writeTree(session);
        });
    }

    private void onTruncate(Map<String, String> fields, long now) {
        long sent = measurements.speechStartedAt(callId);
        if (sent > 0) {
            measurements.truncate.record(now - sent);
        }
        String item = String.valueOf(fields.get("item_id"));
        long endMs = parseLong(fields.get("audio_end_ms"));
        send(json -> {
            header(json, "conversation.item.truncated");
            json.writeStringField("item_id", item);
            json.writeNumberField("content_index", 0);
            json.writeNumberField("audio_end_ms", endMs);
        });
    }

    private void startResponse() {
        responseId = "resp_bench_" + index + "_" + (++responses);
        itemId = "item_bench_" + index + "_" + (++items);
        responseActive = true;
        send(json -> {
            header(json, "response.created");
            json.writeObjectFieldStart("response");
            json.writeStringField("object", "realtime.response");
            json.writeStringField("id", responseId);
            json.writeStringField("status", "in_progress");
            json.writeArrayFieldStart("output");
            json.writeEndArray();
            json.writeEndObject();
        });
        send(json -> {
            header(json, "response.output_item.added");
            json.writeStringField("response_id", responseId);
            json.writeNumberField("output_index", 0);
            json.writeObjectFieldStart("item");
            json.writeStringField("id", itemId);
            json.writeStringField("object", "realtime.item");
            json.writeStringField("type", "message");
            json.writeStringField("status", "in_progress");
            json.writeStringField("role", "assistant");
            json.writeArrayFieldStart("content");
            json.writeEndArray();
            json.writeEndObject();
        });
        if (timer < 0) {
            firstDeltaNanos = System.nanoTime();
            timer = vertx.setPeriodic(20, id -> sendDueDeltas());
        }
    }

    private void sendDueDeltas() {
        long now = System.nanoTime();
        long due = (now - firstDeltaNanos) / FRAME_NANOS + 1;
        while (deltasDue < due && !closed) {
            long scheduled = firstDeltaNanos + deltasDue++ * FRAME_NANOS;
            if (!responseActive) {
                continue;
            }
            long sentAt = System.nanoTime();
            measurements.peerLag.record(sentAt - scheduled);
            AudioTag tag = new AudioTag(callId, sequence++, sentAt, false);
            String payload = pcm ? tag.toPcmPayload() : tag.toPayload();
            send(json -> {
                header(json, "response.output_audio.delta");
                json.writeStringField("response_id", responseId);
                json.writeStringField("item_id", itemId);
                json.writeNumberField("output_index", 0);
                json.writeNumberField("content_index", 0);
                json.writeStringField("delta", payload);
            });
            measurements.downSent.increment();
            if (bargeInPending) {
                bargeIn();
            }
        }
    }

    private void bargeIn() {
        bargeInPending = false;
        String userItem = "item_bench_" + index + "_" + (++items);
        long startMs = Math.max(0, appendedMs - 20);
        send(json -> {
            header(json, "input_audio_buffer.speech_started");
            json.writeNumberField("audio_start_ms", startMs);
            json.writeStringField("item_id", userItem);
        });
        measurements.speechStartedSent(callId, System.nanoTime());
        endResponse("turn_detected");
        startResponse();
    }

    private void endResponse(String reason) {
        responseActive = false;
        String id = responseId;
        send(json -> {
            header(json, "response.done");
            json.writeObjectFieldStart("response");
            json.writeStringField("object", "realtime.response");
            json.writeStringField("id", id);
            json.writeStringField("status", "cancelled");
            json.writeObjectFieldStart("status_details");
            json.writeStringField("type", "cancelled");
            json.writeStringField("reason", reason);
            json.writeEndObject();
            json.writeArrayFieldStart("output");
            json.writeEndArray();
            // The real server reports usage for cancelled responses too, and the bridge records it.
            json.writeObjectFieldStart("usage");
            json.writeNumberField("total_tokens", 180);
            json.writeNumberField("input_tokens", 120);
            json.writeNumberField("output_tokens", 60);
            json.writeObjectFieldStart("input_token_details");
            json.writeNumberField("text_tokens", 100);
            json.writeNumberField("audio_tokens", 20);
            json.writeEndObject();
            json.writeObjectFieldStart("output_token_details");
            json.writeNumberField("text_tokens", 10);
            json.writeNumberField("audio_tokens", 50);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private void error(String code, String message) {
        send(json -> {
            header(json, "error");
            json.writeObjectFieldStart("error");
            json.writeStringField("type", "invalid_request_error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeNullField("param");
            json.writeNullField("event_id");
            json.writeEndObject();
        });
    }

    private void header(JsonGenerator json, String type) throws IOException {
        json.writeStringField("type", type);
        json.writeStringField("event_id", "event_" + index + "_" + (++events));
    }

    private void send(JsonFields.Body body) {
        if (!closed) {
            socket.writeTextMessage(JsonFields.write(body));
        }
    }

    private void stop() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
