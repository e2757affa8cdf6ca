package dev.callcoach.backend.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.backend.scenario.ScenarioFiles.InvalidScenarioException;
import dev.callcoach.contracts.scenario.RubricCriterion;
import dev.callcoach.contracts.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioCatalogServiceTest {

    private final ScenarioCatalogService service = new ScenarioCatalogService();

    @Test
    void shipsTheFourScenariosFromTheClasspath() {
        assertThat(service.all()).extracting(Scenario::id)
                .containsExactly("job-interview", "language-practice", "sales-cold-call", "upset-customer");
        assertThat(service.find("job-interview")).isPresent();
        assertThat(service.find("nope")).isEmpty();
        assertThat(service.find(null)).isEmpty();
    }

    @Test
    void everyShippedScenarioHasARubricWrittenForIt() {
        assertThat(service.rubric("job-interview").orElseThrow().criteria()).extracting(RubricCriterion::name)
                .contains("Concrete examples (STAR)", "Clarity and concision", "Questions for the interviewer");
        for (Scenario scenario : service.all()) {
            assertThat(service.rubric(scenario.id())).as(scenario.id()).isPresent();
        }
        // Written per situation, not one generic list copied around.
        assertThat(service.all().stream().map(s -> service.rubric(s.id()).orElseThrow().ids()).distinct()).hasSize(4);
        assertThat(service.rubric("nope")).isEmpty();
    }

    @Test
    void rendersInstructionsForValidSettingsOnly() {
        String instructions = service.instructions("job-interview",
                Map.of("role", "Junior backend developer", "difficulty", "tough"), "cedar");
        assertThat(instructions).contains("for the role of \"Junior backend developer\"")
                .contains("company (not given)")
                .contains("Open the call by saying")
                .contains("end_call");

        assertThatThrownBy(() -> service.instructions("job-interview", Map.of("difficulty", "tough"), "cedar"))
                .hasMessageContaining("[role]");
        assertThatThrownBy(() -> service.instructions("job-interview", Map.of("role", "Dev", "difficulty", "tough"), "robot"))
                .hasMessageContaining("[voice]");
        assertThatThrownBy(() -> service.instructions("nope", Map.of(), "marin")).hasMessageContaining("unknown scenario");
    }

    @Test
    void aBadFileStopsStartupWithItsName() {
        assertThatThrownBy(() -> new ScenarioCatalogService(Map.of("broken.json", "{}")))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageStartingWith("scenarios/broken.json: ");
        assertThatThrownBy(() -> new ScenarioCatalogService(Map.of())).hasMessageContaining("no scenario files");
    }
}
