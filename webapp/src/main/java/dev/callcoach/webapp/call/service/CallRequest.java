package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.phone.PhoneMasking;

import java.util.Map;
import java.util.Objects;

/**
 * A call the person at the page asked for.
 *
 * @param phoneNumber    E.164, already through the phone rules; masked in {@link #toString()}
 * @param region         the number's region (ISO code), which picks our caller number
 * @param scenarioId     the chosen scenario
 * @param scenarioConfig the filled-in scenario form
 * @param voice          the chosen AI voice
 * @param humanToken     the Turnstile token, or null when Turnstile is off
 */
public record CallRequest(
        String phoneNumber,
        String region,
        String scenarioId,
        Map<String, String> scenarioConfig,
        String voice,
        String humanToken) {

    public CallRequest {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scenarioId, "scenarioId");
        scenarioConfig = Map.copyOf(scenarioConfig);
        Objects.requireNonNull(voice, "voice");
    }

    @Override
    public String toString() {
        return "CallRequest[phoneNumber=" + PhoneMasking.mask(phoneNumber) + ", region=" + region
                + ", scenarioId=" + scenarioId + ", voice=" + voice + "]";
    }
}
