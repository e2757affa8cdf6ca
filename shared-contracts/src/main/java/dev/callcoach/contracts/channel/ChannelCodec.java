package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.callcoach.contracts.internal.Utf8;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads and writes channel frames. Thread-safe; create one and share it.
 *
 * <p>Reading is strict about what a field holds (no "5" for a number, no 5 for a string, no 1.5 for a
 * whole number, no duplicate keys) but ignores unknown fields, so a newer peer may add optional fields
 * within protocol version {@value ChannelProtocol#VERSION}. Every failure is a
 * {@link ChannelProtocolException} whose message can be sent to the peer as it is.
 */
public final class ChannelCodec {

    /** Longest piece of a peer's input (a type name) quoted back in an error message. */
    private static final int MAX_QUOTED_INPUT = 64;
    /** Longest parser explanation passed on in a malformed-JSON message. */
    private static final int MAX_PARSER_DETAIL = 120;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(InstantJson.MODULE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /**
     * Writes a message as one JSON text frame.
     *
     * @throws ChannelProtocolException with {@link ErrorCode#FRAME_TOO_LARGE} when the frame would exceed
     *                                  {@link ChannelProtocol#MAX_FRAME_BYTES}, which the peer would refuse
     */
    public String encode(ChannelMessage message) {
        String json;
        try {
            json = mapper.writeValueAsString(Objects.requireNonNull(message, "message"));
        } catch (JsonProcessingException e) {
            // Records of plain values always serialise; reaching this is a bug in this module.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        long bytes = Utf8.length(json);
        if (bytes > ChannelProtocol.MAX_FRAME_BYTES) {
            throw new ChannelProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "encoded " + ChannelProtocol.typeName(message.getClass()) + " message is " + bytes
                            + " bytes, more than the " + ChannelProtocol.MAX_FRAME_BYTES + "-byte frame limit",
                    correlationIdOf(message));
        }
        return json;
    }

    /**
     * Reads one JSON text frame.
     *
     * @throws ChannelProtocolException when the frame is empty, too large, not JSON, of an unknown type or not
     *                                  a valid message of its type; its correlation id is filled in whenever the
     *                                  frame is a JSON object with a valid {@code correlationId}
     */
    public ChannelMessage decode(String json) {
        if (json == null || json.isBlank()) {
            throw new ChannelProtocolException(ErrorCode.MALFORMED_JSON, "empty frame", null);
        }
        // Cheap bound first: every char is at least one UTF-8 byte.
        if (json.length() > ChannelProtocol.MAX_FRAME_BYTES || Utf8.length(json) > ChannelProtocol.MAX_FRAME_BYTES) {
            throw new ChannelProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame is larger than the " + ChannelProtocol.MAX_FRAME_BYTES + "-byte limit", null);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new ChannelProtocolException(ErrorCode.MALFORMED_JSON, malformed(e), null);
        }
        if (!tree.isObject()) {
            throw new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, "a message must be a JSON object", null);
        }
        String correlationId = recoverCorrelationId(tree);
        JsonNode type = tree.get("type");
        if (type == null || type.isNull()) {
            throw new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, "missing required field 'type'", correlationId);
        }
        if (!type.isTextual()) {
            throw new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, "field 'type' must be a string", correlationId);
        }
        if (!ChannelProtocol.MESSAGE_TYPES.containsKey(type.textValue())) {
            throw new ChannelProtocolException(ErrorCode.UNKNOWN_TYPE, unknownType(type.textValue()), correlationId);
        }
        try {
            return mapper.treeToValue(tree, ChannelMessage.class);
        } catch (JsonMappingException e) {
            throw new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, invalid(e, tree), correlationId);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, "invalid " + type.textValue() + " message",
                    correlationId);
        }
    }

    private static String malformed(JacksonException e) {
        if (e instanceof JsonEOFException) {
            return "malformed JSON: the frame ends in the middle of a value";
        }
        StringBuilder message = new StringBuilder("malformed JSON");
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String detail = e.getOriginalMessage();
        if (detail != null && !detail.isBlank()) {
            detail = detail.lines().findFirst().orElse("").strip();
            if (detail.length() > MAX_PARSER_DETAIL) {
                detail = detail.substring(0, MAX_PARSER_DETAIL) + "...";
            }
            message.append(": ").append(detail);
        }
        return message.toString();
    }

    private static String unknownType(String type) {
        boolean quotable = type.length() <= MAX_QUOTED_INPUT && type.chars().allMatch(c -> c >= ' ' && c < 0x7f);
        return quotable ? "unknown message type '" + type + "'" : "unknown message type";
    }

    private static String recoverCorrelationId(JsonNode tree) {
        JsonNode id = tree.get("correlationId");
        return id != null && id.isTextual() && ChannelProtocol.isValidCorrelationId(id.textValue())
                ? id.textValue()
                : null;
    }

    private static String correlationIdOf(ChannelMessage message) {
        return switch (message) {
            case ChannelRequest request -> request.correlationId();
            case ChannelReply reply -> reply.correlationId();
            case ChannelEvent event -> null;
        };
    }

    /** Explains a binding failure of {@code tree} in terms of the message's fields. */
    private String invalid(JsonMappingException e, JsonNode tree) {
        String path = path(e);
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            // Our records' compact constructors: their messages name the field already.
            String reason = e.getCause().getMessage();
            return path.isEmpty() ? reason : "invalid '" + path + "': " + reason;
        }
        if (hasCause(e, InputCoercionException.class)) {
            return "field '" + path + "' is out of range";
        }
        if (e instanceof MismatchedInputException mismatch) {
            // A required number or boolean that is absent: Jackson's path ends at the property, and the
            // input decides whether it was there, so the wording of Jackson's message never matters.
            if (!path.isEmpty() && isAbsent(tree, e.getPath())) {
                return "missing required field '" + path + "'";
            }
            if (mismatch.getTargetType() != null && !path.isEmpty()) {
                return "field '" + path + "' must be " + expected(mismatch.getTargetType());
            }
        }
        return path.isEmpty() ? "invalid message" : "invalid field '" + path + "'";
    }

    /** Whether the last field named by {@code path} is absent from the object that should hold it. */
    private static boolean isAbsent(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            JsonMappingException.Reference step = path.get(i);
            parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
        }
        String field = path.getLast().getFieldName();
        return parent != null && parent.isObject() && field != null && !parent.has(field);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 UTC time like 2025-01-31T12:00:00Z";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> mapper.convertValue(constant, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
