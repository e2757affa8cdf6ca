package dev.callcoach.backend.scenario;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/**
 * The catalog until a real one is installed: empty, so every reservation is refused as an unknown
 * scenario rather than reserved for a scenario nobody can run. Produced typed as the interface, so tests
 * can replace it per test with {@code QuarkusMock.installMockForType(..., Scenarios.class)}; a real
 * catalog should be produced the same way.
 */
public class NoScenariosProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Scenarios noScenarios() {
        return List::of;
    }
}
