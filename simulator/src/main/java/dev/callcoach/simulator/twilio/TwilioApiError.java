package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;

/** A REST error in Twilio's JSON shape ({@code code}, {@code message}, {@code more_info}, {@code status}). */
final class TwilioApiError extends RuntimeException {

    private final int status;
    private final int code;

    TwilioApiError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static TwilioApiError badRequest(int code, String message) {
        return new TwilioApiError(400, code, message);
    }

    static TwilioApiError authenticate() {
        return new TwilioApiError(401, 20003, "Authenticate");
    }

    static TwilioApiError notFound(String path) {
        return new TwilioApiError(404, 20404, "The requested resource " + path + " was not found");
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    ObjectNode toJson() {
        return Json.object()
                .put("code", code)
                .put("message", getMessage())
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status);
    }
}
