package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Effective turn detection of a session. Semantic VAD is simulated as server VAD with a silence
 * window from its eagerness (high 300 ms, medium/auto 500 ms, low 800 ms): there is no semantics here.
 */
record TurnDetection(String type, double threshold, int prefixPaddingMs, int silenceDurationMs, boolean createResponse,
        boolean interruptResponse, Integer idleTimeoutMs) {

    static final double DEFAULT_THRESHOLD = 0.5;
    static final int DEFAULT_PREFIX_MS = 300;
    static final int DEFAULT_SILENCE_MS = 500;

    static TurnDetection from(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        String type = json.path("type").asText();
        boolean create = json.path("create_response").asBoolean(true);
        boolean interrupt = json.path("interrupt_response").asBoolean(true);
        if (type.equals("semantic_vad")) {
            int silence = switch (json.path("eagerness").asText("auto")) {
                case "high" -> 300;
                case "low" -> 800;
                default -> DEFAULT_SILENCE_MS;
            };
            return new TurnDetection(type, DEFAULT_THRESHOLD, DEFAULT_PREFIX_MS, silence, create, interrupt, null);
        }
        JsonNode idle = json.get("idle_timeout_ms");
        return new TurnDetection(type, json.path("threshold").asDouble(DEFAULT_THRESHOLD),
                json.path("prefix_padding_ms").asInt(DEFAULT_PREFIX_MS), json.path("silence_duration_ms").asInt(DEFAULT_SILENCE_MS),
                create, interrupt, idle == null || idle.isNull() ? null : idle.asInt());
    }
}
