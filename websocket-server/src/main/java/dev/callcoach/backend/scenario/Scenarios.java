package dev.callcoach.backend.scenario;

import dev.callcoach.contracts.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * The scenario catalog. The channel serves it to the webapp and validates reservations against it.
 * Implementations are {@code @ApplicationScoped} beans.
 */
public interface Scenarios {

    /** Every scenario on offer, in display order. */
    List<Scenario> all();

    default Optional<Scenario> find(String id) {
        return all().stream().filter(scenario -> scenario.id().equals(id)).findFirst();
    }
}
