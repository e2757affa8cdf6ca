package dev.callcoach.backend.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client events the bridge sends besides {@code session.update}; the same in GA and beta. Each
 * carries an {@code event_id} (from {@link ClientEventIds}) so an {@code error} can be matched to it.
 */
public final class ClientEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientEvents() {
    }

    /** Caller audio, base64 μ-law exactly as Twilio sent it. */
    public static String appendAudio(String eventId, String base64Audio) {
        // One per caller frame: streamed, not built as a tree.
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "input_audio_buffer.append");
            json.writeStringField("event_id", eventId);
            json.writeStringField("audio", base64Audio);
            json.writeEndObject();
        });
    }

    /** Tells the model the caller heard only the first {@code audioEndMs} of an assistant item. */
    public static String truncate(String eventId, String itemId, long audioEndMs) {
        return event("conversation.item.truncate", eventId)
                .put("item_id", itemId)
                .put("content_index", 0)
                .put("audio_end_ms", audioEndMs)
                .toString();
    }

    /** Asks the model to speak now, following the session instructions. */
    public static String createResponse(String eventId) {
        return event("response.create", eventId).toString();
    }

    /** Stops the response in progress (its {@code response.done} says {@code cancelled}). */
    public static String cancelResponse(String eventId) {
        return event("response.cancel", eventId).toString();
    }

    /** A system message added to the conversation (time warnings, the caller's wish to hang up). */
    public static String systemMessage(String eventId, String text) {
        return message(eventId, "system", text);
    }

    /** Something the caller did that has no audio (a key press), as a user message. */
    public static String userMessage(String eventId, String text) {
        return message(eventId, "user", text);
    }

    /** The result of a function call the model made, so the conversation stays consistent. */
    public static String functionCallOutput(String eventId, String callId, String outputJson) {
        ObjectNode event = event("conversation.item.create", eventId);
        event.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", outputJson);
        return event.toString();
    }

    private static String message(String eventId, String role, String text) {
        ObjectNode event = event("conversation.item.create", eventId);
        ObjectNode item = event.putObject("item").put("type", "message").put("role", role);
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        return event.toString();
    }

    private static ObjectNode event(String type, String eventId) {
        return JSON.createObjectNode().put("type", type).put("event_id", eventId);
    }
}
