package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The effective session of one connection, kept in the dialect's own JSON shape (what
 * {@code session.created}/{@code session.updated} show) with typed views for the simulation.
 * Updates merge: only the fields sent change; a nested object like {@code turn_detection} is
 * replaced as a whole, with the API's defaults for what it leaves out.
 */
final class SessionConfig {

    private final Dialect dialect;
    private final ObjectNode json;

    private SessionConfig(Dialect dialect, ObjectNode json) {
        this.dialect = dialect;
        this.json = json;
    }

    static SessionConfig initial(Dialect dialect, String id, String model) {
        ObjectNode s = dialect.initialSession(id, model);
        s.put("expires_at", Instant.now().plusSeconds(dialect.maxSessionMinutes() * 60).getEpochSecond());
        return new SessionConfig(dialect, s);
    }

    /** Applies a validated {@code session.update} body. */
    void apply(JsonNode update) {
        for (Map.Entry<String, JsonNode> field : update.properties()) {
            switch (field.getKey()) {
                case "audio" -> mergeAudio(field.getValue());
                case "turn_detection" -> json.set("turn_detection", vad(field.getValue()));
                default -> json.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    ObjectNode toJson() {
        return json.deepCopy();
    }

    String model() {
        return json.path("model").asText();
    }

    AudioEncoding inputEncoding() {
        return dialect.encoding(dialect.inputFormatIn(json));
    }

    /** The output format as a response shows it. */
    JsonNode outputFormatJson() {
        return dialect.outputFormatIn(json).deepCopy();
    }

    String voice() {
        JsonNode voice = dialect.voiceIn(json);
        return voice.isTextual() ? voice.asText() : voice.path("id").asText();
    }

    TurnDetection turnDetection() {
        JsonNode turnDetection = dialect.turnDetectionIn(json);
        return TurnDetection.from(turnDetection.isMissingNode() ? null : turnDetection);
    }

    boolean transcribes() {
        return dialect.transcriptionIn(json).isObject();
    }

    JsonNode modalities() {
        return json.path(dialect.modalitiesField()).deepCopy();
    }

    JsonNode maxOutputTokens() {
        return json.path(dialect.maxOutputTokensField()).deepCopy();
    }

    String instructions() {
        return json.path("instructions").asText();
    }

    JsonNode tools() {
        return json.path("tools");
    }

    String toolChoice() {
        JsonNode choice = json.path("tool_choice");
        return choice.isTextual() ? choice.asText() : choice.path("name").asText();
    }

    double temperature() {
        return json.path("temperature").asDouble(0.8);
    }

    /** Names of the function tools in {@code tools}. */
    static List<String> functionNames(JsonNode tools) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : tools) {
            if (tool.path("type").asText().equals("function")) {
                names.add(tool.path("name").asText());
            }
        }
        return names;
    }

    private void mergeAudio(JsonNode audio) {
        ObjectNode target = (ObjectNode) json.get("audio");
        for (String side : List.of("input", "output")) {
            JsonNode update = audio.get(side);
            if (update == null) {
                continue;
            }
            ObjectNode current = (ObjectNode) target.get(side);
            for (Map.Entry<String, JsonNode> field : update.properties()) {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "format" -> current.set("format", format(value));
                    case "turn_detection" -> current.set("turn_detection", vad(value));
                    default -> current.set(field.getKey(), value.deepCopy());
                }
            }
        }
    }

    private JsonNode format(JsonNode format) {
        ObjectNode copy = format.deepCopy();
        if (copy.path("type").asText().equals(dialect.formatName(AudioEncoding.PCM16_24K)) && !copy.has("rate")) {
            copy.put("rate", 24_000);
        }
        return copy;
    }

    private JsonNode vad(JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (value.path("type").asText().equals("semantic_vad")) {
            return Json.object().put("type", "semantic_vad").put("eagerness", value.path("eagerness").asText("auto"))
                    .put("create_response", value.path("create_response").asBoolean(true))
                    .put("interrupt_response", value.path("interrupt_response").asBoolean(true));
        }
        return serverVad(value);
    }

    static ObjectNode serverVad(JsonNode sent) {
        JsonNode s = sent == null ? Json.object() : sent;
        ObjectNode vad = Json.object().put("type", "server_vad")
                .put("threshold", s.path("threshold").asDouble(TurnDetection.DEFAULT_THRESHOLD))
                .put("prefix_padding_ms", s.path("prefix_padding_ms").asInt(TurnDetection.DEFAULT_PREFIX_MS))
                .put("silence_duration_ms", s.path("silence_duration_ms").asInt(TurnDetection.DEFAULT_SILENCE_MS));
        JsonNode idle = s.get("idle_timeout_ms");
        if (idle == null || idle.isNull()) {
            vad.putNull("idle_timeout_ms");
        } else {
            vad.put("idle_timeout_ms", idle.asInt());
        }
        return vad.put("create_response", s.path("create_response").asBoolean(true))
                .put("interrupt_response", s.path("interrupt_response").asBoolean(true));
    }
}
