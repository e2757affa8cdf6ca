package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A refused client event, rendered as the Realtime API's {@code error} server event. The messages
 * follow the API's wording ({@code Unknown parameter: 'session.foo'.}, {@code Invalid type for ...}).
 */
final class RealtimeError extends RuntimeException {

    private final String type;
    private final String code;
    private final String param;

    RealtimeError(String type, String code, String message, String param) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static RealtimeError invalid(String code, String message, String param) {
        return new RealtimeError("invalid_request_error", code, message, param);
    }

    static RealtimeError unknownParameter(String path) {
        return invalid("unknown_parameter", "Unknown parameter: '" + path + "'.", path);
    }

    static RealtimeError missing(String path) {
        return invalid("missing_required_parameter", "Missing required parameter: '" + path + "'.", path);
    }

    static RealtimeError invalidType(String path, String expected, String actual) {
        return invalid("invalid_type", "Invalid type for '" + path + "': expected " + expected + ", but got " + actual
                + " instead.", path);
    }

    static RealtimeError invalidValue(String path, String value, List<String> supported) {
        return invalid("invalid_value", "Invalid value: '" + value + "'. Supported values are: " + list(supported) + ".", path);
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }

    /** The {@code error} object; {@code clientEventId} is echoed so the client can match it. */
    ObjectNode toJson(String clientEventId) {
        ObjectNode error = Json.object().put("type", type).put("code", code).put("message", getMessage()).put("param", param);
        error.put("event_id", clientEventId);
        return error;
    }

    /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}: the API's list style. */
    static String list(List<String> values) {
        List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
        if (quoted.size() <= 2) {
            return String.join(" and ", quoted);
        }
        return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", ")) + ", and " + quoted.getLast();
    }
}
