package dev.callcoach.backend.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client events the bridge sends besides {@code session.update}; the same in GA and beta. */
public final class ClientEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientEvents() {
    }

    /** Caller audio, base64 μ-law exactly as Twilio sent it. */
    public static String appendAudio(String base64Audio) {
        return JSON.createObjectNode().put("type", "input_audio_buffer.append").put("audio", base64Audio).toString();
    }

    /** Tells the model the caller heard only the first {@code audioEndMs} of an assistant item. */
    public static String truncate(String itemId, long audioEndMs) {
        return JSON.createObjectNode()
                .put("type", "conversation.item.truncate")
                .put("item_id", itemId)
                .put("content_index", 0)
                .put("audio_end_ms", audioEndMs)
                .toString();
    }

    /** Asks the model to speak now, following the session instructions. */
    public static String createResponse() {
        return JSON.createObjectNode().put("type", "response.create").toString();
    }

    /** A system message added to the conversation (time warnings, the caller's wish to hang up). */
    public static String systemMessage(String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "conversation.item.create");
        ObjectNode item = event.putObject("item").put("type", "message").put("role", "system");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        return event.toString();
    }

    /** The result of a function call the model made, so the conversation stays consistent. */
    public static String functionCallOutput(String callId, String outputJson) {
        ObjectNode event = JSON.createObjectNode().put("type", "conversation.item.create");
        event.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", outputJson);
        return event.toString();
    }
}
