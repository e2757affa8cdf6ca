package dev.callcoach.simulator.realtime;

import static dev.callcoach.simulator.realtime.ClientEventSchemas.maxTokens;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.noiseReduction;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.tool;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.toolChoice;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.transcription;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.turnDetection;
import static dev.callcoach.simulator.realtime.ClientEventSchemas.variants;
import static dev.callcoach.simulator.realtime.Schema.anyObject;
import static dev.callcoach.simulator.realtime.Schema.array;
import static dev.callcoach.simulator.realtime.Schema.bool;
import static dev.callcoach.simulator.realtime.Schema.discriminated;
import static dev.callcoach.simulator.realtime.Schema.enumOf;
import static dev.callcoach.simulator.realtime.Schema.integer;
import static dev.callcoach.simulator.realtime.Schema.nonEmptyArray;
import static dev.callcoach.simulator.realtime.Schema.nullable;
import static dev.callcoach.simulator.realtime.Schema.number;
import static dev.callcoach.simulator.realtime.Schema.object;
import static dev.callcoach.simulator.realtime.Schema.oneOf;
import static dev.callcoach.simulator.realtime.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.http.Json;
import dev.callcoach.simulator.realtime.Schema.ObjectSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two shapes of the Realtime API. GA is the default; a connection sending
 * {@code OpenAI-Beta: realtime=v1} gets the beta shapes and event names. Everything that differs
 * between them lives here, after docs/protocols.md ("Realtime: beta differences"): the rest of the
 * simulator asks its session's dialect and never branches on which one it is.
 *
 * <p>Where a setting sits is a JSON pointer into the session; {@code response.create} overrides
 * use the same paths.
 */
public enum Dialect {

    GA(new Names("output_audio", "output_text", "conversation.item.added", "conversation.item.done", "output_modalities",
            "max_output_tokens", "input_image"),
            new Paths("/audio/input/format", "/audio/output/format", "/audio/output/voice", "/audio/input/turn_detection",
                    "/audio/input/transcription"),
            Map.of(AudioEncoding.PCM16_24K, "audio/pcm", AudioEncoding.PCMU, "audio/pcmu", AudioEncoding.PCMA, "audio/pcma"),
            List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"), 60) {

        @Override
        ObjectNode initialSession(String id, String model) {
            ObjectNode s = Json.object();
            s.put("type", "realtime").put("object", "realtime.session").put("id", id).put("model", model);
            s.putArray("output_modalities").add("audio");
            s.put("instructions", INSTRUCTIONS);
            ObjectNode audio = s.putObject("audio");
            ObjectNode input = audio.putObject("input");
            input.set("format", Json.object().put("type", formatName(AudioEncoding.PCM16_24K)).put("rate", 24_000));
            input.putNull("transcription");
            input.putNull("noise_reduction");
            input.set("turn_detection", SessionConfig.serverVad(null));
            ObjectNode output = audio.putObject("output");
            output.set("format", Json.object().put("type", formatName(AudioEncoding.PCM16_24K)).put("rate", 24_000));
            output.put("voice", "alloy").put("speed", 1.0);
            s.putArray("tools");
            s.put("tool_choice", "auto").put("max_output_tokens", "inf").putNull("tracing");
            s.put("truncation", "auto").putNull("prompt").putNull("include");
            return s;
        }

        @Override
        ObjectSchema sessionSchema() {
            ObjectSchema input = object()
                    .field("format", audioFormat())
                    .field("turn_detection", nullable(turnDetection()))
                    .field("transcription", nullable(transcription()))
                    .field("noise_reduction", nullable(noiseReduction()));
            ObjectSchema output = object()
                    .field("format", audioFormat())
                    .field("voice", voiceSchema())
                    .field("speed", number(0.25, 1.5));
            return object()
                    .required("type", enumOf("realtime", "transcription"))
                    .field("model", string())
                    .field("instructions", string())
                    .field("output_modalities", nonEmptyArray(enumOf("text", "audio")))
                    .field("audio", object().field("input", input).field("output", output))
                    .field("tools", array(tool()))
                    .field("tool_choice", toolChoice())
                    .field("max_output_tokens", maxTokens())
                    .field("tracing", nullable(oneOf(enumOf("auto"), object().field("workflow_name", string())
                            .field("group_id", string()).field("metadata", anyObject()))))
                    .field("truncation", oneOf(enumOf("auto", "disabled"), object().required("type", enumOf("retention_ratio"))
                            .required("retention_ratio", number(0, 1)).field("token_limits", anyObject())))
                    .field("include", nullable(array(enumOf("item.input_audio_transcription.logprobs"))))
                    .field("prompt", nullable(object().required("id", string()).field("version", string()).field("variables", anyObject())))
                    .field("parallel_tool_calls", bool())
                    .field("reasoning", object().field("effort", enumOf("minimal", "low", "medium", "high", "xhigh")));
        }

        @Override
        ObjectSchema responseSchema(ObjectSchema common) {
            return common
                    .field("output_modalities", nonEmptyArray(enumOf("text", "audio")))
                    .field("audio", object().field("output", object().field("format", audioFormat()).field("voice", voiceSchema())))
                    .field("max_output_tokens", maxTokens())
                    .field("prompt", nullable(anyObject()));
        }

        @Override
        ObjectSchema userPartSchema() {
            return object().required("type", string()).field("image_url", string()).field("detail", enumOf("auto", "low", "high"));
        }

        private Schema audioFormat() {
            return discriminated("type", variants(
                    formatName(AudioEncoding.PCM16_24K), object().required("type", string()).field("rate", integer(24_000, 24_000)),
                    formatName(AudioEncoding.PCMU), object().required("type", string()),
                    formatName(AudioEncoding.PCMA), object().required("type", string())));
        }

        private Schema voiceSchema() {
            return oneOf(enumOf(voices().toArray(String[]::new)), object().required("id", string()));
        }

        @Override
        boolean acceptsModalities(Set<String> modalities) {
            return modalities.size() == 1;
        }

        @Override
        String supportedModalities() {
            return "['text'] and ['audio']";
        }

        @Override
        void describeResponse(ObjectNode response, ResponseRun.Plan plan, double temperature) {
            response.set("output_modalities", plan.modalities());
            response.set("max_output_tokens", plan.maxOutputTokens());
            ObjectNode audioOut = response.putObject("audio").putObject("output");
            audioOut.set("format", plan.formatJson());
            audioOut.put("voice", plan.voice());
        }

        @Override
        void inputTokenDetails(ObjectNode details, long textTokens, long audioTokens) {
            details.put("text_tokens", textTokens).put("audio_tokens", audioTokens).put("image_tokens", 0).put("cached_tokens", 0);
            details.putObject("cached_tokens_details").put("text_tokens", 0).put("audio_tokens", 0).put("image_tokens", 0);
        }
    },

    BETA(new Names("audio", "text", "conversation.item.created", null, "modalities", "max_response_output_tokens", "item_reference"),
            new Paths("/input_audio_format", "/output_audio_format", "/voice", "/turn_detection", "/input_audio_transcription"),
            Map.of(AudioEncoding.PCM16_24K, "pcm16", AudioEncoding.PCMU, "g711_ulaw", AudioEncoding.PCMA, "g711_alaw"),
            List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse"), 30) {

        @Override
        ObjectNode initialSession(String id, String model) {
            ObjectNode s = Json.object();
            s.put("id", id).put("object", "realtime.session").put("model", model);
            s.putArray("modalities").add("text").add("audio");
            s.put("instructions", INSTRUCTIONS).put("voice", "alloy")
                    .put("input_audio_format", formatName(AudioEncoding.PCM16_24K))
                    .put("output_audio_format", formatName(AudioEncoding.PCM16_24K)).putNull("input_audio_transcription");
            s.set("turn_detection", SessionConfig.serverVad(null));
            s.putNull("input_audio_noise_reduction");
            s.putArray("tools");
            s.put("tool_choice", "auto").put("temperature", 0.8).put("max_response_output_tokens", "inf").put("speed", 1.0)
                    .putNull("tracing");
            return s;
        }

        @Override
        ObjectSchema sessionSchema() {
            return object()
                    .field("model", string())
                    .field("instructions", string())
                    .field("modalities", nonEmptyArray(enumOf("text", "audio")))
                    .field("voice", voiceSchema())
                    .field("input_audio_format", formatSchema())
                    .field("output_audio_format", formatSchema())
                    .field("input_audio_transcription", nullable(transcription()))
                    .field("turn_detection", nullable(turnDetection()))
                    .field("input_audio_noise_reduction", nullable(noiseReduction()))
                    .field("tools", array(tool()))
                    .field("tool_choice", toolChoice())
                    .field("temperature", number(0.6, 1.2))
                    .field("max_response_output_tokens", maxTokens())
                    .field("speed", number(0.25, 1.5))
                    .field("tracing", nullable(oneOf(enumOf("auto"), anyObject())));
        }

        @Override
        ObjectSchema responseSchema(ObjectSchema common) {
            return common
                    .field("modalities", nonEmptyArray(enumOf("text", "audio")))
                    .field("voice", voiceSchema())
                    .field("output_audio_format", formatSchema())
                    .field("temperature", number(0.6, 1.2))
                    .field("max_response_output_tokens", maxTokens());
        }

        @Override
        ObjectSchema userPartSchema() {
            return object().required("type", string()).field("id", string());
        }

        private Schema voiceSchema() {
            return enumOf(voices().toArray(String[]::new));
        }

        private Schema formatSchema() {
            return enumOf(formatName(AudioEncoding.PCM16_24K), formatName(AudioEncoding.PCMU),
                    formatName(AudioEncoding.PCMA));
        }

        @Override
        boolean acceptsModalities(Set<String> modalities) {
            return modalities.contains("text");
        }

        @Override
        String supportedModalities() {
            return "['text'] and ['audio', 'text']";
        }

        @Override
        void describeResponse(ObjectNode response, ResponseRun.Plan plan, double temperature) {
            response.set("modalities", plan.modalities());
            response.put("voice", plan.voice());
            response.set("output_audio_format", plan.formatJson());
            response.put("temperature", temperature);
            response.set("max_output_tokens", plan.maxOutputTokens());
        }

        @Override
        void inputTokenDetails(ObjectNode details, long textTokens, long audioTokens) {
            details.put("cached_tokens", 0).put("text_tokens", textTokens).put("audio_tokens", audioTokens);
        }
    };

    private static final String INSTRUCTIONS = "You are a helpful assistant (simulated).";
    private static final String BETA_HEADER = "realtime=v1";

    /**
     * Names that differ. The assistant's content types are also the middle of its output event
     * names ({@code response.output_audio.delta} / {@code response.audio.delta}); {@code itemDone}
     * is null where the dialect has no such event; {@code userPart} is the third user content type
     * after {@code input_text} and {@code input_audio}.
     */
    private record Names(String assistantAudio, String assistantText, String itemAdded, String itemDone, String modalities,
            String maxOutputTokens, String userPart) {
    }

    /** JSON pointers to the session settings that sit in different places. */
    private record Paths(String inputFormat, String outputFormat, String voice, String turnDetection, String transcription) {
    }

    private final Names names;
    private final Paths paths;
    private final Map<AudioEncoding, String> formatNames;
    private final List<String> voices;
    private final long maxSessionMinutes;

    Dialect(Names names, Paths paths, Map<AudioEncoding, String> formatNames, List<String> voices, long maxSessionMinutes) {
        this.names = names;
        this.paths = paths;
        this.formatNames = formatNames;
        this.voices = voices;
        this.maxSessionMinutes = maxSessionMinutes;
    }

    /** The dialect a handshake asks for with its {@code OpenAI-Beta} header (null when absent). */
    static Dialect requested(String openAiBetaHeader) {
        return BETA_HEADER.equals(openAiBetaHeader) ? BETA : GA;
    }

    // ---- server event names ----

    String audioDelta() {
        return "response." + names.assistantAudio() + ".delta";
    }

    String audioDone() {
        return "response." + names.assistantAudio() + ".done";
    }

    String transcriptDelta() {
        return "response." + names.assistantAudio() + "_transcript.delta";
    }

    String transcriptDone() {
        return "response." + names.assistantAudio() + "_transcript.done";
    }

    String textDelta() {
        return "response." + names.assistantText() + ".delta";
    }

    String textDone() {
        return "response." + names.assistantText() + ".done";
    }

    /** The event announcing a new conversation item. */
    String itemAdded() {
        return names.itemAdded();
    }

    /** The event that follows {@link #itemAdded()} once the item is complete, where the dialect has one. */
    Optional<String> itemDone() {
        return Optional.ofNullable(names.itemDone());
    }

    // ---- item content ----

    /** Content type of assistant audio in items. */
    String assistantAudio() {
        return names.assistantAudio();
    }

    /** Content type of assistant text in items. */
    String assistantText() {
        return names.assistantText();
    }

    /** The user content type only this dialect has. */
    String userPart() {
        return names.userPart();
    }

    /** Content types a user message may carry. */
    List<String> userParts() {
        return List.of("input_text", "input_audio", userPart());
    }

    /** The schema of {@link #userPart()}. */
    abstract ObjectSchema userPartSchema();

    // ---- session and response settings ----

    /** The field of the output modalities, in a session and in {@code response.create}. */
    String modalitiesField() {
        return names.modalities();
    }

    /** The field of the output token limit, in a session and in {@code response.create}. */
    String maxOutputTokensField() {
        return names.maxOutputTokens();
    }

    JsonNode inputFormatIn(JsonNode session) {
        return session.at(paths.inputFormat());
    }

    JsonNode outputFormatIn(JsonNode session) {
        return session.at(paths.outputFormat());
    }

    JsonNode voiceIn(JsonNode session) {
        return session.at(paths.voice());
    }

    JsonNode turnDetectionIn(JsonNode session) {
        return session.at(paths.turnDetection());
    }

    JsonNode transcriptionIn(JsonNode session) {
        return session.at(paths.transcription());
    }

    /** Where the output format sits, as an error's {@code param} names it. */
    String outputFormatParam() {
        return param(paths.outputFormat());
    }

    /** Where the voice sits, as an error's {@code param} names it. */
    String voiceParam() {
        return param(paths.voice());
    }

    /** How the dialect names an audio format. */
    String formatName(AudioEncoding encoding) {
        return formatNames.get(encoding);
    }

    List<String> voices() {
        return voices;
    }

    /** The encoding a format names: a string in beta, an object with a {@code type} in GA; 24 kHz PCM when unknown. */
    AudioEncoding encoding(JsonNode format) {
        String name = format.isTextual() ? format.asText() : format.path("type").asText();
        return formatNames.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                .orElse(AudioEncoding.PCM16_24K);
    }

    /** Maximum session length. */
    long maxSessionMinutes() {
        return maxSessionMinutes;
    }

    /** A new session as {@code session.created} shows it, without {@code expires_at}. */
    abstract ObjectNode initialSession(String id, String model);

    /** What {@code session.update} accepts as its {@code session}. */
    abstract ObjectSchema sessionSchema();

    /** {@code common} (the fields both dialects accept in {@code response.create}) plus the dialect's own. */
    abstract ObjectSchema responseSchema(ObjectSchema common);

    /** Whether a set of output modalities is a combination the dialect supports. */
    abstract boolean acceptsModalities(Set<String> modalities);

    /** The supported combinations, as the API's error message lists them. */
    abstract String supportedModalities();

    /** Adds the dialect's settings (modalities, voice, format, token limit) to a response object. */
    abstract void describeResponse(ObjectNode response, ResponseRun.Plan plan, double temperature);

    /** Fills a usage's {@code input_token_details}. */
    abstract void inputTokenDetails(ObjectNode details, long textTokens, long audioTokens);

    private static String param(String pointer) {
        return "session" + pointer.replace('/', '.');
    }
}
