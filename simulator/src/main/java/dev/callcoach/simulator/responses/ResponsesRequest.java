package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request to {@code POST /v1/responses}, as received.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param body          the parsed JSON body, or null when it was not JSON
 * @param status        the HTTP status answered (0 while a {@link ResponsesFault#TIMEOUT} holds it)
 * @param error         the {@code error.message} answered, or null
 */
public record ResponsesRequest(String authorization, JsonNode body, int status, String error, long atMillis) {
}
