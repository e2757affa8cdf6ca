package dev.callcoach.simulator.realtime;

import static dev.callcoach.simulator.realtime.Schema.anyObject;
import static dev.callcoach.simulator.realtime.Schema.array;
import static dev.callcoach.simulator.realtime.Schema.bool;
import static dev.callcoach.simulator.realtime.Schema.discriminated;
import static dev.callcoach.simulator.realtime.Schema.enumOf;
import static dev.callcoach.simulator.realtime.Schema.enumOrPattern;
import static dev.callcoach.simulator.realtime.Schema.integer;
import static dev.callcoach.simulator.realtime.Schema.nullable;
import static dev.callcoach.simulator.realtime.Schema.number;
import static dev.callcoach.simulator.realtime.Schema.object;
import static dev.callcoach.simulator.realtime.Schema.oneOf;
import static dev.callcoach.simulator.realtime.Schema.string;

import dev.callcoach.simulator.realtime.Schema.ObjectSchema;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client event the Realtime API accepts, per dialect, after docs/protocols.md ("Realtime: client events and session.update") and the
 * official SDK types: field names, JSON types, enums and ranges. The pieces both dialects share are here; what
 * differs (the session, the dialect's own content parts and response fields) comes from {@link Dialect}.
 */
final class ClientEventSchemas {

    static final long MAX_APPEND_BYTES = 15L * 1024 * 1024;

    private static final String TRANSCRIBE_MODELS = "gpt-4o(-mini)?-transcribe(-[a-z0-9-]+)?";
    private static final Map<Dialect, Map<String, ObjectSchema>> EVENTS = new EnumMap<>(Dialect.class);

    static {
        for (Dialect dialect : Dialect.values()) {
            EVENTS.put(dialect, events(dialect));
        }
    }

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
        events.put("session.update", event().required("session", d.sessionSchema()));
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

    static Schema turnDetection() {
        ObjectSchema common = object().required("type", string()).field("create_response", bool()).field("interrupt_response", bool());
        return discriminated("type", variants(
                "server_vad", common.with(object()
                        .field("threshold", number(0, 1))
                        .field("prefix_padding_ms", integer(0, 10_000))
                        .field("silence_duration_ms", integer(0, 10_000))
                        .field("idle_timeout_ms", nullable(integer(5_000, 30_000)))),
                "semantic_vad", common.with(object().field("eagerness", enumOf("low", "medium", "high", "auto")))));
    }

    static ObjectSchema transcription() {
        return object()
                .field("model", enumOrPattern(TRANSCRIBE_MODELS, "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe",
                        "gpt-4o-transcribe-diarize"))
                .field("language", string())
                .field("prompt", string());
    }

    static ObjectSchema noiseReduction() {
        return object().field("type", enumOf("near_field", "far_field"));
    }

    static Schema tool() {
        return discriminated("type", variants(
                "function", object().required("type", string()).required("name", string(64)).field("description", string())
                        .field("parameters", anyObject())));
    }

    static Schema toolChoice() {
        return oneOf(enumOf("auto", "none", "required"),
                discriminated("type", variants("function", object().required("type", string()).required("name", string()))));
    }

    static Schema maxTokens() {
        return oneOf(integer(1, 4096), enumOf("inf"));
    }

    /** Variants in the order given, so "Supported values are" lists them as the API does. */
    static Map<String, ObjectSchema> variants(Object... nameThenSchema) {
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
        parts.put(d.userPart(), d.userPartSchema());
        parts.put(d.assistantText(), object().required("type", string()).field("text", string()));
        parts.put(d.assistantAudio(), object().required("type", string()).field("audio", string()).field("transcript", nullable(string())));
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
        return d.responseSchema(response);
    }
}
