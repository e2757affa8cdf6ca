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
        ObjectNode s = Json.object();
        long expiresAt = Instant.now().plusSeconds(dialect.maxSessionMinutes() * 60).getEpochSecond();
        if (dialect == Dialect.GA) {
            s.put("type", "realtime").put("object", "realtime.session").put("id", id).put("model", model);
            s.putArray("output_modalities").add("audio");
            s.put("instructions", "You are a helpful assistant (simulated).");
            ObjectNode audio = s.putObject("audio");
            ObjectNode input = audio.putObject("input");
            input.set("format", Json.object().put("type", "audio/pcm").put("rate", 24_000));
            input.putNull("transcription");
            input.putNull("noise_reduction");
            input.set("turn_detection", serverVad(null));
            ObjectNode output = audio.putObject("output");
            output.set("format", Json.object().put("type", "audio/pcm").put("rate", 24_000));
            output.put("voice", "alloy").put("speed", 1.0);
            s.putArray("tools");
            s.put("tool_choice", "auto").put("max_output_tokens", "inf").putNull("tracing");
            s.put("truncation", "auto").putNull("prompt").putNull("include");
        } else {
            s.put("id", id).put("object", "realtime.session").put("model", model);
            s.putArray("modalities").add("text").add("audio");
            s.put("instructions", "You are a helpful assistant (simulated).").put("voice", "alloy")
                    .put("input_audio_format", "pcm16").put("output_audio_format", "pcm16").putNull("input_audio_transcription");
            s.set("turn_detection", serverVad(null));
            s.putNull("input_audio_noise_reduction");
            s.putArray("tools");
            s.put("tool_choice", "auto").put("temperature", 0.8).put("max_response_output_tokens", "inf").put("speed", 1.0)
                    .putNull("tracing");
        }
        s.put("expires_at", expiresAt);
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
        return encoding(dialect == Dialect.GA ? json.at("/audio/input/format/type").asText() : json.path("input_audio_format").asText());
    }

    AudioEncoding outputEncoding() {
        return encoding(dialect == Dialect.GA ? json.at("/audio/output/format/type").asText() : json.path("output_audio_format").asText());
    }

    /** The output format as a response shows it. */
    JsonNode outputFormatJson() {
        return dialect == Dialect.GA ? json.at("/audio/output/format").deepCopy() : json.path("output_audio_format").deepCopy();
    }

    String voice() {
        JsonNode voice = dialect == Dialect.GA ? json.at("/audio/output/voice") : json.path("voice");
        return voice.isTextual() ? voice.asText() : voice.path("id").asText();
    }

    /** Where {@code voice} lives, for error params. */
    String voiceParam() {
        return dialect == Dialect.GA ? "session.audio.output.voice" : "session.voice";
    }

    TurnDetection turnDetection() {
        return TurnDetection.from(dialect == Dialect.GA ? json.at("/audio/input/turn_detection") : json.get("turn_detection"));
    }

    boolean transcribes() {
        JsonNode t = dialect == Dialect.GA ? json.at("/audio/input/transcription") : json.get("input_audio_transcription");
        return t != null && t.isObject();
    }

    /** Whether responses are text only (GA {@code ["text"]}; beta without {@code "audio"}). */
    boolean textOnly() {
        JsonNode modalities = json.path(dialect == Dialect.GA ? "output_modalities" : "modalities");
        for (JsonNode m : modalities) {
            if (m.asText().equals("audio")) {
                return false;
            }
        }
        return true;
    }

    JsonNode modalities() {
        return json.path(dialect == Dialect.GA ? "output_modalities" : "modalities").deepCopy();
    }

    JsonNode maxOutputTokens() {
        return json.path(dialect == Dialect.GA ? "max_output_tokens" : "max_response_output_tokens").deepCopy();
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

    static AudioEncoding encoding(String name) {
        return switch (name) {
            case "audio/pcmu", "g711_ulaw" -> AudioEncoding.PCMU;
            case "audio/pcma", "g711_alaw" -> AudioEncoding.PCMA;
            default -> AudioEncoding.PCM16_24K;
        };
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

    private static JsonNode format(JsonNode format) {
        ObjectNode copy = format.deepCopy();
        if (copy.path("type").asText().equals("audio/pcm") && !copy.has("rate")) {
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

    private static ObjectNode serverVad(JsonNode sent) {
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
