package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.Map;

/**
 * {@code browser.reserve}: reserve a slot for a practice session in the browser (microphone and speaker, no
 * phone). Answered by {@link BrowserSessionReserved} or {@link CallRefused}. Browser sessions count against the
 * deployment's concurrency and daily caps, never a phone number's limit.
 *
 * @param scenarioConfig the filled-in scenario form by field key; validated by the backend against the scenario.
 *                       Left out of {@link #toString()}: free text may hold anything a person typed
 * @param voice          the chosen voice, one of the scenario's voices
 */
@JsonTypeName("browser.reserve")
public record ReserveBrowserSession(
        String correlationId,
        String scenarioId,
        Map<String, String> scenarioConfig,
        String voice) implements ChannelRequest {

    public ReserveBrowserSession {
        MessageChecks.correlationId(correlationId);
        Require.text(scenarioId, "scenarioId", MessageChecks.MAX_SHORT_TEXT);
        scenarioConfig = MessageChecks.scenarioConfig(scenarioConfig);
        Require.text(voice, "voice", MessageChecks.MAX_SHORT_TEXT);
    }

    @Override
    public String toString() {
        return "ReserveBrowserSession[correlationId=" + correlationId + ", scenarioId=" + scenarioId
                + ", scenarioConfigKeys=" + scenarioConfig.keySet() + ", voice=" + voice + "]";
    }
}
