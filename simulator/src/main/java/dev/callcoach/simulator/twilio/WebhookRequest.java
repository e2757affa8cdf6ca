package dev.callcoach.simulator.twilio;

import java.util.Map;

/**
 * One signed HTTP request FakeTwilio made: a status callback, a TwiML fetch or a stream status
 * callback. {@code url} is the URL as configured (and signed); {@code responseStatus} is 0 when no
 * response arrived, and {@code failure} then says why.
 */
public record WebhookRequest(
        String purpose,
        String url,
        String method,
        Map<String, String> params,
        String signature,
        long sentAtMillis,
        int responseStatus,
        String responseBody,
        String failure) {

    public WebhookRequest {
        params = Map.copyOf(params);
    }

    /** The {@code CallStatus} (or {@code StreamEvent}) parameter, for quick assertions. */
    public String event() {
        return params.getOrDefault("CallStatus", params.get("StreamEvent"));
    }
}
