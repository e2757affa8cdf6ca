package dev.callcoach.webapp.call.service;

import java.util.Map;
import java.util.Objects;

/**
 * A call in the browser the person at the page asked for: a call without a phone number.
 *
 * @param scenarioId     the chosen scenario
 * @param scenarioConfig the filled-in scenario form
 * @param voice          the chosen AI voice
 * @param humanToken     the Turnstile token, or null when Turnstile is off
 */
public record BrowserRequest(String scenarioId, Map<String, String> scenarioConfig, String voice, String humanToken) {

    public BrowserRequest {
        Objects.requireNonNull(scenarioId, "scenarioId");
        scenarioConfig = Map.copyOf(scenarioConfig);
        Objects.requireNonNull(voice, "voice");
    }

    /** Leaves out the form's values: free text may hold anything a person typed. */
    @Override
    public String toString() {
        return "BrowserRequest[scenarioId=" + scenarioId + ", scenarioConfigKeys=" + scenarioConfig.keySet()
                + ", voice=" + voice + "]";
    }
}
