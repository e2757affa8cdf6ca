package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;
import dev.callcoach.contracts.scenario.Scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code scenario.catalog}: the scenarios on offer, in display order, ids unique. */
@JsonTypeName("scenario.catalog")
public record ScenarioCatalog(String correlationId, List<Scenario> scenarios) implements ChannelReply {

    public ScenarioCatalog {
        MessageChecks.correlationId(correlationId);
        scenarios = Require.list(scenarios, "scenarios");
        Set<String> ids = new HashSet<>();
        for (Scenario scenario : scenarios) {
            if (!ids.add(scenario.id())) {
                throw new IllegalArgumentException("field 'scenarios' lists scenario '" + scenario.id() + "' twice");
            }
        }
    }
}
