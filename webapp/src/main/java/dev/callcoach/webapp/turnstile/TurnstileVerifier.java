package dev.callcoach.webapp.turnstile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Checks a Turnstile token with Cloudflare's siteverify endpoint. Fails closed: when Cloudflare cannot be
 * asked, the check is not passed.
 */
public final class TurnstileVerifier {

    private static final Logger log = LoggerFactory.getLogger(TurnstileVerifier.class);
    /** Cloudflare's own limit on a token's length. */
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TurnstileProperties properties;
    private final HttpClient http;

    public TurnstileVerifier(TurnstileProperties properties, HttpClient http) {
        this.properties = properties;
        this.http = http;
    }

    /** Whether the page must show the widget and calls need a passed check. */
    public boolean enabled() {
        return properties.enabled();
    }

    /** The public key the widget is rendered with. */
    public String siteKey() {
        return properties.siteKey();
    }

    /** Cloudflare's widget script. */
    public URI scriptUrl() {
        return properties.scriptUrl();
    }

    /** Whether the token proves a passed check for this client; always true when Turnstile is off. */
    public boolean verify(String token, String clientIp) {
        if (!properties.enabled()) {
            return true;
        }
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        String form = "secret=" + encode(properties.secret()) + "&response=" + encode(token)
                + "&remoteip=" + encode(clientIp);
        HttpRequest request = HttpRequest.newBuilder(properties.verifyUrl())
                .timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("event=turnstile_verify_failed status={}", response.statusCode());
                return false;
            }
            JsonNode body = JSON.readTree(response.body());
            boolean success = body.path("success").asBoolean(false);
            if (!success) {
                log.info("event=turnstile_rejected errors={}", body.path("error-codes"));
            }
            return success;
        } catch (IOException e) {
            log.warn("event=turnstile_verify_failed error=\"{}\"", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
