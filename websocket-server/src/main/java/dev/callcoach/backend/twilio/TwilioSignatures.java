package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrls;
import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the official SDK validator. The URL that was signed is
 * rebuilt from the public base URL, never taken from the request: behind a proxy they differ.
 */
public final class TwilioSignatures {

    private final RequestValidator validator;
    private final PublicUrls urls;

    public TwilioSignatures(String authToken, PublicUrls urls) {
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("the Twilio auth token must not be blank");
        }
        this.validator = new RequestValidator(authToken);
        this.urls = urls;
    }

    /**
     * A form POST webhook: signed over the https URL (query string as sent) plus every form parameter.
     *
     * @param pathAndQuery the request's raw path and query string, e.g. {@code /twilio/voice/123}
     */
    public boolean isValidWebhook(String pathAndQuery, Map<String, String> formParams, String signature) {
        return isPresent(signature) && validator.validate(urls.http(pathAndQuery), formParams, signature);
    }

    /** A Media Stream WebSocket upgrade: signed over the {@code wss://} URL from the TwiML with no parameters. */
    public boolean isValidUpgrade(String pathAndQuery, String signature) {
        return isPresent(signature) && validator.validate(urls.websocket(pathAndQuery), Map.of(), signature);
    }

    private static boolean isPresent(String signature) {
        return signature != null && !signature.isBlank();
    }
}
