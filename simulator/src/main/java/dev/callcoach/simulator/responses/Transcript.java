package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The call transcript inside a grading request: the JSON array of {@code {"speaker", "offsetMs", "text"}}
 * between {@code <transcript>} and {@code </transcript>} in the input's user text. Anything else yields an
 * empty transcript (the simulated report then quotes nothing).
 */
record Transcript(List<Line> lines) {

    private static final String OPEN = "<transcript>";
    private static final String CLOSE = "</transcript>";

    /** One line; {@code byCaller} when the speaker is {@code CALLER}. */
    record Line(String speaker, String text) {
        boolean byCaller() {
            return "CALLER".equals(speaker);
        }
    }

    static Transcript in(JsonNode input) {
        StringBuilder text = new StringBuilder();
        collectText(input, text);
        int open = text.indexOf(OPEN);
        int close = text.indexOf(CLOSE, open + 1);
        List<Line> lines = new ArrayList<>();
        if (open >= 0 && close > open) {
            try {
                for (JsonNode line : Json.MAPPER.readTree(text.substring(open + OPEN.length(), close))) {
                    if (line.path("text").isTextual() && !line.path("text").asText().isBlank()) {
                        lines.add(new Line(line.path("speaker").asText(), line.path("text").asText()));
                    }
                }
            } catch (Exception e) {
                return new Transcript(List.of());
            }
        }
        return new Transcript(List.copyOf(lines));
    }

    /** Every text the input holds: a plain string, message contents as strings or {@code input_text} parts. */
    private static void collectText(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        } else if (node.isArray()) {
            node.forEach(item -> collectText(item, out));
        } else if (node.isObject()) {
            if (node.has("content")) {
                collectText(node.get("content"), out);
            } else if (node.path("text").isTextual()) {
                out.append(node.get("text").asText()).append('\n');
            }
        }
    }
}
