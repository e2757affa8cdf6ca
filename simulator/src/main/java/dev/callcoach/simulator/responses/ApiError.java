package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;

/** An HTTP error in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}}. */
final class ApiError extends RuntimeException {

    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String message, String type, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiError invalid(String message, String param, String code) {
        return new ApiError(400, message, "invalid_request_error", param, code);
    }

    static ApiError missing(String param) {
        return invalid("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    static ApiError invalidType(String param, String expected) {
        return invalid("Invalid type for '" + param + "': expected " + expected + ".", param, "invalid_type");
    }

    ObjectNode body() {
        ObjectNode error = Json.object().put("message", getMessage()).put("type", type).put("param", param).put("code", code);
        return Json.object().set("error", error);
    }
}
