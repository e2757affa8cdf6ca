package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rules Structured Outputs applies to a schema with {@code strict: true}: the root is an object;
 * every object sets {@code additionalProperties: false} and lists every property in {@code required};
 * only the supported keywords and types; at most 5 levels of nesting and 100 properties. Violations are
 * refused with the API's {@code invalid_json_schema} message, naming the context path.
 */
final class StrictSchema {

    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final Set<String> UNSUPPORTED = Set.of("allOf", "not", "if", "then", "else", "dependentRequired",
            "dependentSchemas", "patternProperties", "unevaluatedProperties", "propertyNames", "contains",
            "minContains", "maxContains", "uniqueItems");
    private static final int MAX_DEPTH = 10;
    private static final int MAX_PROPERTIES = 5000;

    private final String name;
    private int properties;

    private StrictSchema(String name) {
        this.name = name;
    }

    /** @throws ApiError 400 {@code invalid_json_schema} */
    static void check(String name, JsonNode schema) {
        StrictSchema check = new StrictSchema(name);
        if (!"object".equals(schema.path("type").asText()) || schema.has("anyOf")) {
            throw check.invalid(List.of(), "schema must be a JSON Schema of 'type: \"object\"', got 'type: \""
                    + schema.path("type").asText("None") + "\"'.");
        }
        check.node(schema, new ArrayList<>(), 0);
    }

    private void node(JsonNode schema, List<String> context, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid(context, "the schema is nested more than " + MAX_DEPTH + " levels deep.");
        }
        for (String keyword : UNSUPPORTED) {
            if (schema.has(keyword)) {
                throw invalid(context, "'" + keyword + "' is not permitted.");
            }
        }
        if (schema.has("anyOf")) {
            int i = 0;
            for (JsonNode branch : schema.get("anyOf")) {
                node(branch, with(context, "anyOf", String.valueOf(i++)), depth + 1);
            }
            return;
        }
        if (schema.has("$ref")) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            throw invalid(context, "schema must have a 'type' key.");
        }
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            if (!TYPES.contains(t.asText())) {
                throw invalid(context, "'" + t.asText() + "' is not a valid type.");
            }
        }
        if (hasType(type, "object")) {
            object(schema, context, depth);
        }
        if (hasType(type, "array")) {
            if (!schema.has("items")) {
                throw invalid(context, "array schema missing items.");
            }
            node(schema.get("items"), with(context, "items"), depth + 1);
        }
    }

    private void object(JsonNode schema, List<String> context, int depth) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
            throw invalid(context, "'additionalProperties' is required to be supplied and to be false.");
        }
        JsonNode props = schema.path("properties");
        JsonNode required = schema.get("required");
        List<String> requiredNames = new ArrayList<>();
        if (required != null && required.isArray()) {
            required.forEach(r -> requiredNames.add(r.asText()));
        }
        Iterator<String> names = props.fieldNames();
        while (names.hasNext()) {
            String property = names.next();
            if (required == null || !required.isArray() || !requiredNames.contains(property)) {
                throw invalid(context, "'required' is required to be supplied and to be an array including every key "
                        + "in properties. Missing '" + property + "'.");
            }
            if (++properties > MAX_PROPERTIES) {
                throw invalid(context, "the schema has more than " + MAX_PROPERTIES + " properties.");
            }
            node(props.get(property), with(context, "properties", property), depth + 1);
        }
        for (String extra : requiredNames) {
            if (!props.has(extra)) {
                throw invalid(context, "Extra required key '" + extra + "' supplied.");
            }
        }
    }

    private static boolean hasType(JsonNode type, String wanted) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
        return type.asText().equals(wanted);
    }

    private static List<String> with(List<String> context, String... steps) {
        List<String> next = new ArrayList<>(context);
        next.addAll(List.of(steps));
        return next;
    }

    private ApiError invalid(List<String> context, String problem) {
        String where = "(" + String.join(", ", context.stream().map(step -> "'" + step + "'").toList()) + ")";
        return ApiError.invalid("Invalid schema for response_format '" + name + "': In context=" + where + ", " + problem,
                "text.format.schema", "invalid_json_schema");
    }
}
