package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;

/**
 * The simulated model's answer: a JSON value that fits the requested schema exactly, filled in
 * deterministically from the transcript it was sent. Every property called {@code quote} gets a caller
 * line, whole and verbatim, taking the caller's lines in turn; {@code summary} and {@code example}
 * mention the transcript; integers with an {@code enum} pick a value from the quote's length; arrays get
 * their {@code minItems}. So the same request always gets the same report, and every quote really occurs
 * in the transcript.
 */
final class SchemaAnswer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Transcript.Line> lines;
    private final List<Transcript.Line> callerLines;
    private int nextQuote;
    private String lastQuote = "";

    private SchemaAnswer(Transcript transcript) {
        this.lines = transcript.lines();
        List<Transcript.Line> caller = transcript.lines().stream().filter(Transcript.Line::byCaller).toList();
        this.callerLines = caller.isEmpty() ? transcript.lines() : caller;
    }

    static JsonNode answer(JsonNode schema, Transcript transcript) {
        return new SchemaAnswer(transcript).value(schema, "answer");
    }

    private JsonNode value(JsonNode schema, String name) {
        if (schema.has("anyOf")) {
            return value(schema.get("anyOf").get(0), name);
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() ? type.get(0).asText() : type.asText();
        return switch (kind) {
            case "object" -> object(schema);
            case "array" -> array(schema, name);
            case "string" -> schema.has("enum") ? schema.get("enum").get(0) : NODES.textNode(text(name));
            case "integer", "number" -> number(schema);
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        // The quote first, so the score and reason that follow can refer to it.
        JsonNode properties = schema.path("properties");
        if (properties.has("quote")) {
            object.set("quote", value(properties.get("quote"), "quote"));
        }
        Iterator<String> names = properties.fieldNames();
        while (names.hasNext()) {
            String property = names.next();
            if (!property.equals("quote")) {
                object.set(property, value(properties.get(property), property));
            }
        }
        // Property order as in the schema, as the real API writes it.
        ObjectNode ordered = NODES.objectNode();
        properties.fieldNames().forEachRemaining(property -> ordered.set(property, object.get(property)));
        return ordered;
    }

    private ArrayNode array(JsonNode schema, String name) {
        ArrayNode array = NODES.arrayNode();
        int count = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < count; i++) {
            array.add(value(schema.get("items"), name + " " + (i + 1)));
        }
        return array;
    }

    private JsonNode number(JsonNode schema) {
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            JsonNode options = schema.get("enum");
            // Longer quotes score higher: deterministic, and not the same score everywhere.
            return options.get(Math.min(options.size() - 1, options.size() / 2 + lastQuote.length() % 2));
        }
        if (schema.has("minimum")) {
            return schema.get("minimum");
        }
        return NODES.numberNode(0);
    }

    private String text(String name) {
        return switch (name) {
            case "quote" -> quote();
            case "summary" -> "Simulated report of a call of " + lines.size() + " lines, " + callerLines.size()
                    + " of them by the caller. The simulator does not understand speech; it quotes the transcript in turn.";
            case "reason" -> "Simulated reason, resting on the quoted caller line.";
            case "example" -> "Simulated example phrasing: " + (lastQuote.isEmpty() ? "Could you tell me more?" : lastQuote);
            default -> "Simulated " + name + ".";
        };
    }

    private String quote() {
        if (callerLines.isEmpty()) {
            lastQuote = "";
        } else {
            lastQuote = callerLines.get(nextQuote++ % callerLines.size()).text();
        }
        return lastQuote;
    }
}
