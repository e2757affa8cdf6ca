package dev.callcoach.backend.testing;

import dev.callcoach.backend.scenario.Scenarios;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.examples.ContractExamples;
import dev.callcoach.contracts.scenario.Scenario;
import io.quarkus.test.junit.QuarkusMock;
import java.util.List;

/**
 * The scenarios of the shared contract examples, installed per test with {@link #install()} in place of
 * whatever catalog the application has, so channel tests reserve against known forms.
 */
public final class ExampleScenarios implements Scenarios {

    private final List<Scenario> scenarios = ((ScenarioCatalog) ContractExamples.message("scenario.catalog")).scenarios();

    /** Replaces the application's catalog for the current test. */
    public static void install() {
        QuarkusMock.installMockForType(new ExampleScenarios(), Scenarios.class);
    }

    /** The contract's example reservation, which is valid for these scenarios, for another number. */
    public static ReserveCall reservation(String correlationId, String e164) {
        ReserveCall example = (ReserveCall) ContractExamples.message("call.reserve");
        return new ReserveCall(correlationId, e164, example.scenarioId(), example.scenarioConfig(), example.voice());
    }

    @Override
    public List<Scenario> all() {
        return scenarios;
    }
}
