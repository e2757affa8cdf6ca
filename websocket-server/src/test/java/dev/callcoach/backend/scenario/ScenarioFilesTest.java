package dev.callcoach.backend.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.backend.scenario.ScenarioFiles.InvalidScenarioException;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {

    static final String VALID = """
            {"id": "demo", "name": "Demo", "description": "A demo.",
             "fields": [{"key": "topic", "label": "Topic", "type": "text", "required": true, "maxLength": 50}],
             "voices": ["marin", "alloy"], "defaultVoice": "marin",
             "instructions": ["Talk about {{topic}}.", "Be brief."],
             "greeting": "Hello, shall we talk about {{ topic }}?",
             "rubric": [{"id": "fluency", "name": "Fluency", "good": "Keeps talking."},
                        {"id": "accuracy", "name": "Accuracy", "good": "Few mistakes."},
                        {"id": "interaction", "name": "Interaction", "good": "Asks back."}]}""";

    @Test
    void readsThePublicPartAndTheTemplates() {
        ScenarioDefinition definition = ScenarioFiles.parse("demo.json", VALID);
        assertThat(definition.scenario().id()).isEqualTo("demo");
        assertThat(definition.scenario().fields()).hasSize(1);
        assertThat(definition.instructions().render(java.util.Map.of("topic", "X"))).isEqualTo("Talk about X.\nBe brief.");
        assertThat(definition.greeting().keys()).containsExactly("topic");
        assertThat(definition.rubric().ids()).containsExactly("fluency", "accuracy", "interaction");
        assertThat(definition.scenario().toString()).doesNotContain("rubric");
    }

    @Test
    void refusesAMissingOrMalformedRubric() {
        assertRefused("demo.json", VALID.replaceAll("(?s),\\s*\"rubric\".*]", ""), "needs \"rubric\": an array of 3 to 6 criteria");
        assertRefused("demo.json", VALID.replaceAll("(?s)\"rubric\": \\[.*]", "\"rubric\": {}"), "needs \"rubric\"");
        assertRefused("demo.json", VALID.replaceAll(",\\s*\\{\"id\": \"interaction\"[^}]*}", ""),
                "rubric needs 3 to 6 criteria, has 2");
        assertRefused("demo.json", VALID.replace("\"accuracy\"", "\"fluency\""), "rubric has two criteria with id 'fluency'");
        assertRefused("demo.json", VALID.replace("\"good\": \"Few mistakes.\"", "\"good\": \"Few.\", \"weight\": 2"), "weight");
        assertRefused("demo.json", VALID.replace(", \"good\": \"Few mistakes.\"", ""), "good");
        assertRefused("demo.json", VALID.replace("\"Fluency\"", "\"\""), "field 'name' must not be blank");
    }

    @Test
    void refusesBadFilesNamingTheFileAndTheProblem() {
        assertRefused("demo.json", "[]", "must be a JSON object");
        assertRefused("demo.json", "{nope", "scenarios/demo.json");
        assertRefused("other.json", VALID, "must match the file name");
        assertRefused("demo.json", VALID.replace("\"instructions\": [\"Talk about {{topic}}.\", \"Be brief.\"],", ""),
                "needs \"instructions\"");
        assertRefused("demo.json", VALID.replace("\"greeting\": \"Hello, shall we talk about {{ topic }}?\"", "\"greeting\": \" \""),
                "greeting");
        assertRefused("demo.json", VALID.replace("{{topic}}.", "{{subject}}."), "does not have: [subject]");
        assertRefused("demo.json", VALID.replace("{{topic}}.", "{{topic}."), "malformed placeholder");
        assertRefused("demo.json", VALID.replace("\"alloy\"", "\"robot\""), "[robot] are not OpenAI Realtime voices");
        assertRefused("demo.json", VALID.replace("\"description\"", "\"descripton\""), "description");
        assertRefused("demo.json", VALID.replace("\"name\": \"Demo\",", "\"name\": \"Demo\", \"colour\": \"red\","), "colour");
        assertRefused("demo.json", VALID.replace("\"required\": true,", ""), "required");
        assertRefused("demo.json", VALID.replace("\"type\": \"text\"", "\"type\": \"slider\""), "slider");
        assertRefused("demo.json", VALID.replace("\"defaultVoice\": \"marin\"", "\"defaultVoice\": \"cedar\""), "defaultVoice");
        assertRefused("demo.json", VALID.replace("Be brief.", "x".repeat(ScenarioFiles.MAX_INSTRUCTIONS_CHARS)), "instructions must be");
    }

    private static void assertRefused(String fileName, String json, String message) {
        assertThatThrownBy(() -> ScenarioFiles.parse(fileName, json))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageStartingWith("scenarios/" + fileName + ": ")
                .hasMessageContaining(message);
    }
}
