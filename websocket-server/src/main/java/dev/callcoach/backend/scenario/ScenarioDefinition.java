package dev.callcoach.backend.scenario;

import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.Scenario;

/**
 * A scenario as loaded from its file: the public part the webapp shows, and the prompt behind it,
 * which never leaves the backend.
 *
 * @param scenario     what the webapp gets in the catalog
 * @param instructions the AI's role and task, with {@code {{fieldKey}}} placeholders
 * @param greeting     what the AI opens the call with, with placeholders
 * @param rubric       what the call is graded on afterwards
 */
record ScenarioDefinition(Scenario scenario, PromptTemplate instructions, PromptTemplate greeting, Rubric rubric) {
}
