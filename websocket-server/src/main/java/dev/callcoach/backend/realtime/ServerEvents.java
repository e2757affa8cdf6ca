package dev.callcoach.backend.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callcoach.backend.realtime.ServerEvent.AssistantTranscriptDelta;
import dev.callcoach.backend.realtime.ServerEvent.AssistantTranscriptDone;
import dev.callcoach.backend.realtime.ServerEvent.AudioDelta;
import dev.callcoach.backend.realtime.ServerEvent.CallerTranscriptDelta;
import dev.callcoach.backend.realtime.ServerEvent.CallerTranscriptDone;
import dev.callcoach.backend.realtime.ServerEvent.CallerTranscriptFailed;
import dev.callcoach.backend.realtime.ServerEvent.FunctionCall;
import dev.callcoach.backend.realtime.ServerEvent.FunctionCallItem;
import dev.callcoach.backend.realtime.ServerEvent.ItemAdded;
import dev.callcoach.backend.realtime.ServerEvent.SessionUpdated;
import dev.callcoach.backend.realtime.ServerEvent.Ignored;
import dev.callcoach.backend.realtime.ServerEvent.Malformed;
import dev.callcoach.backend.realtime.ServerEvent.ResponseCreated;
import dev.callcoach.backend.realtime.ServerEvent.ResponseDone;
import dev.callcoach.backend.realtime.ServerEvent.SpeechStarted;
import dev.callcoach.backend.realtime.ServerEvent.Unknown;
import dev.callcoach.backend.realtime.ServerEvent.Usage;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** Parses Realtime server frames into {@link ServerEvent}s. Never throws: bad frames become {@link Malformed}. */
public final class ServerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** G.711 μ-law, as GA and beta name it. */

    private static final Set<String> AUDIO_DELTAS = Set.of("response.output_audio.delta", "response.audio.delta");

    private static final Set<String> IGNORED = Set.of(
            "session.created",
            "input_audio_buffer.speech_stopped", "input_audio_buffer.cleared",
            "input_audio_buffer.timeout_triggered",
            "conversation.item.done",
            "conversation.item.truncated", "conversation.item.deleted", "conversation.item.retrieved",
            "conversation.item.input_audio_transcription.segment",
            "response.content_part.added", "response.content_part.done",
            "response.output_audio.done", "response.audio.done",
            "response.output_text.delta", "response.output_text.done", "response.text.delta", "response.text.done",
            "response.function_call_arguments.delta", "rate_limits.updated");

    private ServerEvents() {
    }

    public static ServerEvent parse(String frame) {
        // Audio deltas come 50 a second per call and are flat: one streaming pass, no tree. Anything
        // else, and a delta missing a field, is read as a tree below, which also says what is wrong.
        try (JsonParser parser = JSON.createParser(frame)) {
            if (FlatAudioDelta.read(parser) instanceof AudioDelta delta) {
                return delta;
            }
        } catch (IOException e) {
            return new Malformed("not JSON");
        }
        return parseTree(frame);
    }

    /** Reads an audio delta whose members are all scalars; null for anything else. */
    private static final class FlatAudioDelta {

        static AudioDelta read(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String itemId = null;
            String delta = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!value.isScalarValue()) {
                    return null;
                }
                if (value == JsonToken.VALUE_STRING) {
                    switch (field) {
                        case "type" -> {
                            type = parser.getText();
                            if (!AUDIO_DELTAS.contains(type)) {
                                return null;
                            }
                        }
                        case "item_id" -> itemId = parser.getText();
                        case "delta" -> delta = parser.getText();
                        default -> { }
                    }
                }
            }
            boolean complete = parser.currentToken() == JsonToken.END_OBJECT;
            return complete && type != null && itemId != null && delta != null ? new AudioDelta(itemId, delta) : null;
        }
    }

    private static ServerEvent parseTree(String frame) {
        JsonNode event;
        try {
            event = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON");
        }
        if (event == null || !event.isObject() || !event.path("type").isTextual()) {
            return new Malformed("not an object with a string 'type'");
        }
        String type = event.get("type").asText();
        try {
            return switch (type) {
                case "response.output_audio.delta", "response.audio.delta" ->
                        new AudioDelta(required(event, "item_id"), required(event, "delta"));
                case "input_audio_buffer.speech_started" ->
                        new SpeechStarted(event.path("item_id").asText(null), event.path("audio_start_ms").asLong());
                case "conversation.item.input_audio_transcription.delta" ->
                        new CallerTranscriptDelta(required(event, "item_id"), required(event, "delta"));
                case "conversation.item.input_audio_transcription.completed" ->
                        new CallerTranscriptDone(required(event, "item_id"), required(event, "transcript"));
                case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                        new AssistantTranscriptDelta(required(event, "item_id"), required(event, "delta"));
                case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
                        new AssistantTranscriptDone(required(event, "item_id"), required(event, "transcript"));
                case "response.function_call_arguments.done" ->
                        new FunctionCall(required(event, "call_id"), textOrNull(event, "name"), event.path("arguments").asText(""));
                case "response.output_item.added", "response.output_item.done" -> outputItem(type, event.path("item"));
                case "session.updated" -> sessionUpdated(event.path("session"));
                case "conversation.item.added", "conversation.item.created" -> itemAdded(event);
                case "input_audio_buffer.committed" ->
                        new ItemAdded(required(event, "item_id"), textOrNull(event, "previous_item_id"), true);
                case "conversation.item.input_audio_transcription.failed" -> new CallerTranscriptFailed(required(event, "item_id"));
                case "response.created" -> new ResponseCreated(event.path("response").path("id").asText(null));
                case "response.done" -> responseDone(event.path("response"));
                case "error" -> error(event.path("error"));
                default -> IGNORED.contains(type) ? new Ignored(type) : new Unknown(type);
            };
        } catch (MissingField e) {
            return new Malformed(type + " without '" + e.getMessage() + "'");
        }
    }

    private static ServerEvent outputItem(String type, JsonNode item) {
        return item.path("type").asText().equals("function_call") && item.path("call_id").isTextual()
                && item.path("name").isTextual()
                ? new FunctionCallItem(item.get("call_id").asText(), item.get("name").asText())
                : new Ignored(type);
    }

    private static ItemAdded itemAdded(JsonNode event) {
        JsonNode item = event.path("item");
        boolean callerAudio = item.path("role").asText().equals("user")
                && item.path("content").path(0).path("type").asText().equals("input_audio");
        return new ItemAdded(required(item, "id"), textOrNull(event, "previous_item_id"), callerAudio);
    }

    private static SessionUpdated sessionUpdated(JsonNode session) {
        // GA nests formats as {"type": "audio/pcmu"}; beta names them as strings.
        String in = format(session.at("/audio/input/format"), session.path("input_audio_format"));
        String out = format(session.at("/audio/output/format"), session.path("output_audio_format"));
        Optional<AudioFormat> input = AudioFormat.fromWireName(in);
        return new SessionUpdated(input.isPresent() && input.equals(AudioFormat.fromWireName(out)) ? input.get() : null, out);
    }

    private static String format(JsonNode ga, JsonNode beta) {
        return ga.path("type").isTextual() ? ga.get("type").asText() : beta.isTextual() ? beta.asText() : null;
    }

    private static ResponseDone responseDone(JsonNode response) {
        JsonNode usage = response.path("usage");
        JsonNode in = usage.path("input_token_details");
        JsonNode details = response.path("status_details");
        return new ResponseDone(response.path("id").asText(null), response.path("status").asText(null),
                textOrNull(details.path("error"), "code"), textOrNull(details, "reason"), new Usage(
                usage.path("input_tokens").asLong(),
                usage.path("output_tokens").asLong(),
                in.path("audio_tokens").asLong(),
                usage.path("output_token_details").path("audio_tokens").asLong()));
    }

    private static ServerEvent.Error error(JsonNode error) {
        return new ServerEvent.Error(error.path("type").asText(null), textOrNull(error, "code"),
                error.path("message").asText(null), textOrNull(error, "param"), textOrNull(error, "event_id"));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual()) {
            throw new MissingField(field);
        }
        return value.asText();
    }

    private static final class MissingField extends RuntimeException {
        MissingField(String field) {
            super(field, null, false, false);
        }
    }
}
