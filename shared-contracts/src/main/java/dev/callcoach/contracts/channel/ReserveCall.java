package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;
import dev.callcoach.contracts.phone.PhoneMasking;

import java.util.Map;

/**
 * {@code call.reserve}: reserve a call slot for this number and scenario. Answered by {@link CallReserved}
 * or {@link CallRefused}.
 *
 * @param phoneNumber    E.164, already through the phone rules; masked in {@link #toString()}, which also leaves
 *                       out the form's values (free text may hold anything a person typed, a number included)
 * @param scenarioConfig the filled-in scenario form by field key; validated by the backend against the scenario
 * @param voice          the chosen voice, one of the scenario's voices
 */
@JsonTypeName("call.reserve")
public record ReserveCall(
        String correlationId,
        String phoneNumber,
        String scenarioId,
        Map<String, String> scenarioConfig,
        String voice) implements ChannelRequest {

    public ReserveCall {
        MessageChecks.correlationId(correlationId);
        MessageChecks.e164(phoneNumber, "phoneNumber");
        Require.text(scenarioId, "scenarioId", MessageChecks.MAX_SHORT_TEXT);
        scenarioConfig = MessageChecks.scenarioConfig(scenarioConfig);
        Require.text(voice, "voice", MessageChecks.MAX_SHORT_TEXT);
    }

    @Override
    public String toString() {
        return "ReserveCall[correlationId=" + correlationId + ", phoneNumber=" + PhoneMasking.mask(phoneNumber)
                + ", scenarioId=" + scenarioId + ", scenarioConfigKeys=" + scenarioConfig.keySet() + ", voice=" + voice + "]";
    }
}
