package dev.callcoach.webapp.call.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * How calls are placed.
 *
 * @param backendPublicUrl the backend as Twilio reaches it; the voice and status webhooks hang below it
 * @param ringTimeout      how long the phone may ring before the call counts as not answered
 * @param timeLimit        hard ceiling on a call's length, enforced by Twilio; the backend ends calls earlier
 *                         on its own, this is the safety net should it not
 */
@ConfigurationProperties("callcoach.call")
public record CallProperties(
        @DefaultValue("http://localhost:8081") URI backendPublicUrl,
        @DefaultValue("30s") Duration ringTimeout,
        @DefaultValue("6m") Duration timeLimit) {

    /** Twilio's bounds on {@code Timeout}. */
    private static final Duration MAX_RING_TIMEOUT = Duration.ofSeconds(600);

    public CallProperties {
        if (ringTimeout.toSeconds() < 5 || ringTimeout.compareTo(MAX_RING_TIMEOUT) > 0) {
            throw new IllegalArgumentException("callcoach.call.ring-timeout must be between 5 s and 600 s, is " + ringTimeout);
        }
        if (timeLimit.toSeconds() < 30) {
            throw new IllegalArgumentException("callcoach.call.time-limit must be at least 30 s, is " + timeLimit);
        }
    }

    /** Where Twilio fetches the TwiML of a session's call. */
    URI voiceWebhook(UUID sessionId) {
        return webhook("twilio/voice/" + sessionId);
    }

    /** Where Twilio reports a session's call progress. */
    URI statusWebhook(UUID sessionId) {
        return webhook("twilio/status/" + sessionId);
    }

    private URI webhook(String path) {
        String base = backendPublicUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
