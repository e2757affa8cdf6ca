package dev.callcoach.simulator.realtime;

import static dev.callcoach.simulator.realtime.Schema.anyObject;
import static dev.callcoach.simulator.realtime.Schema.array;
import static dev.callcoach.simulator.realtime.Schema.bool;
import static dev.callcoach.simulator.realtime.Schema.discriminated;
import static dev.callcoach.simulator.realtime.Schema.enumOf;
import static dev.callcoach.simulator.realtime.Schema.enumOrPattern;
import static dev.callcoach.simulator.realtime.Schema.integer;
import static dev.callcoach.simulator.realtime.Schema.nonEmptyArray;
import static dev.callcoach.simulator.realtime.Schema.nullable;
import static dev.callcoach.simulator.realtime.Schema.number;
import static dev.callcoach.simulator.realtime.Schema.object;
import static dev.callcoach.simulator.realtime.Schema.oneOf;
import static dev.callcoach.simulator.realtime.Schema.string;

import dev.callcoach.simulator.realtime.Schema.ObjectSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client event the Realtime API accepts, per dialect, after docs/protocols.md ("Realtime: client events and session.update") and the
 * official SDK types: field names, JSON types, enums and ranges.
 */
final class ClientEventSchemas {

    static final List<String> GA_VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar");
    static final List<String> BETA_VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse");
    static final long MAX_APPEND_BYTES = 15L * 1024 * 1024;

    private static final String TRANSCRIBE_MODELS = "gpt-4o(-mini)?-transcribe(-[a-z0-9-]+)?";
    private static final Map<Dialect, Map<String, ObjectSchema>> EVENTS = Map.of(Dialect.GA, events(Dialect.GA),
            Dialect.BETA, events(Dialect.BETA));

    private ClientEventSchemas() {
    }

    /** The schema of client event {@code type}, or null when the dialect has no such event. */
    static ObjectSchema of(Dialect dialect, String type) {
        return EVENTS.get(dialect).get(type);
    }

    static List<String> types(Dialect dialect) {
        return List.copyOf(EVENTS.get(dialect).keySet());
    }

    private static Map<String, ObjectSchema> events(Dialect d) {
        Map<String, ObjectSchema> events = new LinkedHashMap<>();
        events.put("session.update", event().required("session", d == Dialect.GA ? gaSession() : betaSession()));
        events.put("input_audio_buffer.append", event().required("audio", string()));
        events.put("input_audio_buffer.commit", event());
        events.put("input_audio_buffer.clear", event());
        events.put("output_audio_buffer.clear", event().field("response_id", string()));
        events.put("conversation.item.create", event().field("previous_item_id", nullable(string())).required("item", item(d)));
        events.put("conversation.item.retrieve", event().required("item_id", string()));
        events.put("conversation.item.truncate", event().required("item_id", string())
                .required("content_index", integer(0, Integer.MAX_VALUE)).required("audio_end_ms", integer(0, Integer.MAX_VALUE)));
        events.put("conversation.item.delete", event().required("item_id", string()));
        events.put("response.create", event().field("response", response(d)));
        events.put("response.cancel", event().field("response_id", string()));
        return Collections.unmodifiableMap(events);
    }

    private static ObjectSchema event() {
        return object().required("type", string()).field("event_id", string(512));
    }

    private static ObjectSchema gaSession() {
        ObjectSchema input = object()
                .field("format", audioFormat())
                .field("turn_detection", nullable(turnDetection()))
                .field("transcription", nullable(transcription()))
                .field("noise_reduction", nullable(noiseReduction()));
        ObjectSchema output = object()
                .field("format", audioFormat())
                .field("voice", oneOf(enumOf(GA_VOICES.toArray(String[]::new)), object().required("id", string())))
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

    private static ObjectSchema betaSession() {
        Schema format = enumOf("pcm16", "g711_ulaw", "g711_alaw");
        return object()
                .field("model", string())
                .field("instructions", string())
                .field("modalities", nonEmptyArray(enumOf("text", "audio")))
                .field("voice", enumOf(BETA_VOICES.toArray(String[]::new)))
                .field("input_audio_format", format)
                .field("output_audio_format", format)
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

    private static Schema audioFormat() {
        return discriminated("type", variants(
                "audio/pcm", object().required("type", string()).field("rate", integer(24_000, 24_000)),
                "audio/pcmu", object().required("type", string()),
                "audio/pcma", object().required("type", string())));
    }

    private static Schema turnDetection() {
        ObjectSchema common = object().required("type", string()).field("create_response", bool()).field("interrupt_response", bool());
        return discriminated("type", variants(
                "server_vad", common.with(object()
                        .field("threshold", number(0, 1))
                        .field("prefix_padding_ms", integer(0, 10_000))
                        .field("silence_duration_ms", integer(0, 10_000))
                        .field("idle_timeout_ms", nullable(integer(5_000, 30_000)))),
                "semantic_vad", common.with(object().field("eagerness", enumOf("low", "medium", "high", "auto")))));
    }

    private static ObjectSchema transcription() {
        return object()
                .field("model", enumOrPattern(TRANSCRIBE_MODELS, "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe",
                        "gpt-4o-transcribe-diarize"))
                .field("language", string())
                .field("prompt", string());
    }

    private static ObjectSchema noiseReduction() {
        return object().field("type", enumOf("near_field", "far_field"));
    }

    private static Schema tool() {
        return discriminated("type", variants(
                "function", object().required("type", string()).required("name", string(64)).field("description", string())
                        .field("parameters", anyObject())));
    }

    private static Schema toolChoice() {
        return oneOf(enumOf("auto", "none", "required"),
                discriminated("type", variants("function", object().required("type", string()).required("name", string()))));
    }

    private static Schema maxTokens() {
        return oneOf(integer(1, 4096), enumOf("inf"));
    }

    /** Variants in the order given, so "Supported values are" lists them as the API does. */
    private static Map<String, ObjectSchema> variants(Object... nameThenSchema) {
        Map<String, ObjectSchema> variants = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            variants.put((String) nameThenSchema[i], (ObjectSchema) nameThenSchema[i + 1]);
        }
        return variants;
    }

    private static Schema item(Dialect d) {
        ObjectSchema common = object().field("id", string(64)).field("object", enumOf("realtime.item"))
                .required("type", string()).field("status", enumOf("completed", "incomplete", "in_progress"));
        Map<String, ObjectSchema> parts = new LinkedHashMap<>();
        parts.put("input_text", object().required("type", string()).field("text", string()));
        parts.put("input_audio", object().required("type", string()).field("audio", string()).field("transcript", nullable(string())));
        if (d == Dialect.GA) {
            parts.put("input_image", object().required("type", string()).field("image_url", string())
                    .field("detail", enumOf("auto", "low", "high")));
            parts.put("output_text", object().required("type", string()).field("text", string()));
            parts.put("output_audio", object().required("type", string()).field("audio", string()).field("transcript", nullable(string())));
        } else {
            parts.put("item_reference", object().required("type", string()).field("id", string()));
            parts.put("text", object().required("type", string()).field("text", string()));
            parts.put("audio", object().required("type", string()).field("audio", string()).field("transcript", nullable(string())));
        }
        return discriminated("type", variants(
                "message", common.with(object().required("role", enumOf("user", "assistant", "system"))
                        .required("content", array(discriminated("type", parts)))),
                "function_call", common.with(object().field("call_id", string()).required("name", string())
                        .required("arguments", string())),
                "function_call_output", common.with(object().required("call_id", string()).required("output", string()))));
    }

    private static ObjectSchema response(Dialect d) {
        ObjectSchema response = object()
                .field("conversation", string())
                .field("input", array(item(d)))
                .field("instructions", string())
                .field("tools", array(tool()))
                .field("tool_choice", toolChoice())
                .field("metadata", nullable(anyObject()));
        if (d == Dialect.GA) {
            return response
                    .field("output_modalities", nonEmptyArray(enumOf("text", "audio")))
                    .field("audio", object().field("output", object().field("format", audioFormat())
                            .field("voice", oneOf(enumOf(GA_VOICES.toArray(String[]::new)), object().required("id", string())))))
                    .field("max_output_tokens", maxTokens())
                    .field("prompt", nullable(anyObject()));
        }
        return response
                .field("modalities", nonEmptyArray(enumOf("text", "audio")))
                .field("voice", enumOf(BETA_VOICES.toArray(String[]::new)))
                .field("output_audio_format", enumOf("pcm16", "g711_ulaw", "g711_alaw"))
                .field("temperature", number(0.6, 1.2))
                .field("max_response_output_tokens", maxTokens());
    }
}
