package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A small JSON schema language for client events: enough to refuse what the Realtime API refuses
 * (unknown or missing fields, wrong JSON types, values out of range or outside an enum) with the
 * same error codes and the dotted {@code param} path. The first problem found wins, as in the API.
 */
abstract class Schema {

    /** Checks {@code value} (never Java null; JSON null is a {@link com.fasterxml.jackson.databind.node.NullNode}). */
    abstract void check(JsonNode value, String path);

    /** How the API names what this schema expects: "a string", "an object", ... */
    abstract String expected();

    static Schema string() {
        return new Kind("a string", JsonNode::isTextual);
    }

    static Schema string(int maxLength) {
        return new Schema() {
            @Override
            void check(JsonNode value, String path) {
                string().check(value, path);
                int length = value.asText().length();
                if (length > maxLength) {
                    throw RealtimeError.invalid("string_above_max_length", "Invalid '" + path + "': string too long. Expected a string "
                            + "with maximum length " + maxLength + ", but got a string with length " + length + " instead.", path);
                }
            }

            @Override
            String expected() {
                return "a string";
            }
        };
    }

    static Schema bool() {
        return new Kind("a boolean", JsonNode::isBoolean);
    }

    /** Any JSON object, unchecked inside (JSON Schema of a tool, metadata, ...). */
    static Schema anyObject() {
        return new Kind("an object", JsonNode::isObject);
    }

    static Schema enumOf(String... values) {
        return new EnumSchema(List.of(values), null);
    }

    /** A string that is one of {@code known} or matches {@code pattern} (model names with dated variants). */
    static Schema enumOrPattern(String pattern, String... known) {
        return new EnumSchema(List.of(known), Pattern.compile(pattern));
    }

    static Schema number(double min, double max) {
        return new NumberSchema(false, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    static Schema integer(long min, long max) {
        return new NumberSchema(true, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    static Schema array(Schema items) {
        return new ArraySchema(items, 0);
    }

    static Schema nonEmptyArray(Schema items) {
        return new ArraySchema(items, 1);
    }

    static Schema nullable(Schema schema) {
        return new Schema() {
            @Override
            void check(JsonNode value, String path) {
                if (!value.isNull()) {
                    schema.check(value, path);
                }
            }

            @Override
            String expected() {
                return schema.expected();
            }
        };
    }

    /** The first alternative whose JSON type matches decides; none matching is an {@code invalid_type}. */
    static Schema oneOf(Schema... alternatives) {
        return new Schema() {
            @Override
            void check(JsonNode value, String path) {
                for (Schema alternative : alternatives) {
                    if (alternative.accepts(value)) {
                        alternative.check(value, path);
                        return;
                    }
                }
                throw RealtimeError.invalidType(path, "one of " + String.join(" or ",
                        Arrays.stream(alternatives).map(Schema::expected).distinct().toList()), describe(value));
            }

            @Override
            String expected() {
                return String.join(" or ", Arrays.stream(alternatives).map(Schema::expected).distinct().toList());
            }
        };
    }

    static ObjectSchema object() {
        return new ObjectSchema();
    }

    /** An object whose string field {@code field} picks the schema of the rest. */
    static Schema discriminated(String field, Map<String, ObjectSchema> variants) {
        return new Schema() {
            @Override
            void check(JsonNode value, String path) {
                if (!value.isObject()) {
                    throw RealtimeError.invalidType(path, "an object", describe(value));
                }
                String at = path + "." + field;
                JsonNode tag = value.get(field);
                if (tag == null) {
                    throw RealtimeError.missing(at);
                }
                if (!tag.isTextual()) {
                    throw RealtimeError.invalidType(at, "a string", describe(tag));
                }
                ObjectSchema variant = variants.get(tag.asText());
                if (variant == null) {
                    throw RealtimeError.invalidValue(at, tag.asText(), List.copyOf(variants.keySet()));
                }
                variant.check(value, path);
            }

            @Override
            String expected() {
                return "an object";
            }
        };
    }

    /** Whether {@code value} has the JSON type this schema is about (used by {@link #oneOf}). */
    boolean accepts(JsonNode value) {
        return true;
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a decimal";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return "null";
    }

    private static final class Kind extends Schema {
        private final String name;
        private final Predicate<JsonNode> test;

        Kind(String name, Predicate<JsonNode> test) {
            this.name = name;
            this.test = test;
        }

        @Override
        void check(JsonNode value, String path) {
            if (!test.test(value)) {
                throw RealtimeError.invalidType(path, name, describe(value));
            }
        }

        @Override
        String expected() {
            return name;
        }

        @Override
        boolean accepts(JsonNode value) {
            return test.test(value);
        }
    }

    private static final class EnumSchema extends Schema {
        private final List<String> values;
        private final Pattern pattern;

        EnumSchema(List<String> values, Pattern pattern) {
            this.values = values;
            this.pattern = pattern;
        }

        @Override
        void check(JsonNode value, String path) {
            if (!value.isTextual()) {
                throw RealtimeError.invalidType(path, "a string", describe(value));
            }
            String text = value.asText();
            if (!values.contains(text) && (pattern == null || !pattern.matcher(text).matches())) {
                throw RealtimeError.invalidValue(path, text, values);
            }
        }

        @Override
        String expected() {
            return "a string";
        }

        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual();
        }
    }

    private static final class NumberSchema extends Schema {
        private final boolean integral;
        private final BigDecimal min;
        private final BigDecimal max;

        NumberSchema(boolean integral, BigDecimal min, BigDecimal max) {
            this.integral = integral;
            this.min = min;
            this.max = max;
        }

        @Override
        void check(JsonNode value, String path) {
            if (!value.isNumber() || (integral && !value.isIntegralNumber())) {
                throw RealtimeError.invalidType(path, expected(), describe(value));
            }
            BigDecimal number = value.decimalValue();
            String kind = integral ? "integer" : "decimal";
            if (number.compareTo(max) > 0) {
                throw RealtimeError.invalid(kind + "_above_max_value", "Invalid '" + path + "': " + kind
                        + " above maximum value. Expected a value <= " + plain(max) + ", but got " + plain(number) + " instead.", path);
            }
            if (number.compareTo(min) < 0) {
                throw RealtimeError.invalid(kind + "_below_min_value", "Invalid '" + path + "': " + kind
                        + " below minimum value. Expected a value >= " + plain(min) + ", but got " + plain(number) + " instead.", path);
            }
        }

        @Override
        String expected() {
            return integral ? "an integer" : "a decimal";
        }

        @Override
        boolean accepts(JsonNode value) {
            return value.isNumber();
        }

        private static String plain(BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
    }

    private static final class ArraySchema extends Schema {
        private final Schema items;
        private final int minItems;

        ArraySchema(Schema items, int minItems) {
            this.items = items;
            this.minItems = minItems;
        }

        @Override
        void check(JsonNode value, String path) {
            if (!value.isArray()) {
                throw RealtimeError.invalidType(path, "an array", describe(value));
            }
            if (value.size() < minItems) {
                throw RealtimeError.invalid("empty_array", "Invalid '" + path + "': empty array. Expected an array with minimum length "
                        + minItems + ", but got an empty array instead.", path);
            }
            for (int i = 0; i < value.size(); i++) {
                items.check(value.get(i), path + "[" + i + "]");
            }
        }

        @Override
        String expected() {
            return "an array";
        }

        @Override
        boolean accepts(JsonNode value) {
            return value.isArray();
        }
    }

    /** A JSON object with known fields; anything else is an {@code unknown_parameter}. */
    static final class ObjectSchema extends Schema {
        private final Map<String, Schema> fields = new LinkedHashMap<>();
        private final Set<String> required = new LinkedHashSet<>();

        ObjectSchema field(String name, Schema schema) {
            fields.put(name, schema);
            return this;
        }

        ObjectSchema required(String name, Schema schema) {
            required.add(name);
            return field(name, schema);
        }

        ObjectSchema with(ObjectSchema other) {
            ObjectSchema merged = new ObjectSchema();
            merged.fields.putAll(fields);
            merged.fields.putAll(other.fields);
            merged.required.addAll(required);
            merged.required.addAll(other.required);
            return merged;
        }

        Set<String> fieldNames() {
            return fields.keySet();
        }

        @Override
        void check(JsonNode value, String path) {
            if (!value.isObject()) {
                throw RealtimeError.invalidType(path, "an object", describe(value));
            }
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                Schema schema = fields.get(entry.getKey());
                if (schema == null) {
                    throw RealtimeError.unknownParameter(at);
                }
                schema.check(entry.getValue(), at);
            }
            for (String name : required) {
                if (!value.has(name)) {
                    throw RealtimeError.missing(path.isEmpty() ? name : path + "." + name);
                }
            }
        }

        @Override
        String expected() {
            return "an object";
        }

        @Override
        boolean accepts(JsonNode value) {
            return value.isObject();
        }
    }
}
