package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** {@code scenario.catalog.get}: which scenarios can be practised? Answered by {@link ScenarioCatalog}. */
@JsonTypeName("scenario.catalog.get")
public record GetScenarioCatalog(String correlationId) implements ChannelRequest {

    public GetScenarioCatalog {
        MessageChecks.correlationId(correlationId);
    }
}
