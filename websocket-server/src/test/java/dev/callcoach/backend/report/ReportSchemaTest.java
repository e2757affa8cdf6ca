package dev.callcoach.backend.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.RubricCriterion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report schema is strict-mode clean and names exactly the rubric's criteria; answers are checked again. */
class ReportSchemaTest {

    static final Rubric RUBRIC = new Rubric(List.of(
            new RubricCriterion("star-examples", "Concrete examples (STAR)", "Situation, task, action, result."),
            new RubricCriterion("clarity", "Clarity and concision", "Short, ordered answers."),
            new RubricCriterion("questions", "Questions for the interviewer", "Asks about the work.")));

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String ANSWER = """
            {"summary": "A solid call.",
             "criteria": {
               "star-examples": {"score": 4, "reason": "A clear result.", "quote": "I cut the batch to forty minutes."},
               "clarity": {"score": 5, "reason": "Short answers.", "quote": "Yes, thanks."},
               "questions": {"score": 2, "reason": "No questions.", "quote": "No, that's all."}},
             "strengths": ["A number in the example.", "Calm tone."],
             "nextSteps": [{"suggestion": "Ask a question.", "example": "What does a first week look like?"},
                           {"suggestion": "Say what you did.", "example": "I rewrote the two slowest joins."}]}""";

    @Test
    void everyObjectRequiresAllItsPropertiesAndAllowsNoOthers() {
        List<JsonNode> objects = new ArrayList<>();
        collectObjects(ReportSchema.forRubric(RUBRIC), objects);

        assertThat(objects).hasSize(1 + 1 + 3 + 1);
        for (JsonNode object : objects) {
            List<String> properties = new ArrayList<>();
            object.get("properties").fieldNames().forEachRemaining(properties::add);
            List<String> required = new ArrayList<>();
            object.get("required").forEach(name -> required.add(name.asText()));
            assertThat(required).containsExactlyElementsOf(properties);
            assertThat(object.get("additionalProperties").asBoolean(true)).isFalse();
        }
    }

    @Test
    void criteriaAreExactlyTheRubricsWithScoresOneToFive() {
        ObjectNode schema = ReportSchema.forRubric(RUBRIC);
        List<String> criteria = new ArrayList<>();
        schema.at("/properties/criteria/properties").fieldNames().forEachRemaining(criteria::add);

        assertThat(criteria).containsExactly("star-examples", "clarity", "questions");
        assertThat(schema.at("/properties/criteria/properties/clarity/properties/score/enum").toString()).isEqualTo("[1,2,3,4,5]");
        assertThat(schema.at("/properties/strengths/minItems").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/nextSteps/maxItems").asInt()).isEqualTo(3);
    }

    @Test
    void readsAnAnswerInTheRubricsOrderWithItsNames() {
        CoachingReport report = ReportSchema.read(ANSWER, RUBRIC);

        assertThat(report.criteria()).extracting(c -> c.id() + "=" + c.score() + " " + c.name())
                .containsExactly("star-examples=4 Concrete examples (STAR)", "clarity=5 Clarity and concision",
                        "questions=2 Questions for the interviewer");
        assertThat(report.criteria().getFirst().quote()).isEqualTo("I cut the batch to forty minutes.");
        assertThat(report.strengths()).hasSize(2);
        assertThat(report.nextSteps().get(1).example()).isEqualTo("I rewrote the two slowest joins.");
    }

    @Test
    void refusesAnswersThatAreNotAReportForThisRubric() throws Exception {
        assertInvalid("not json", "not JSON");
        assertInvalid(edit(a -> ((ObjectNode) a.get("criteria")).remove("clarity")), "not the rubric's");
        assertInvalid(edit(a -> ((ObjectNode) a.get("criteria")).set("extra", a.at("/criteria/clarity"))), "not the rubric's");
        assertInvalid(edit(a -> ((ObjectNode) a.at("/criteria/clarity")).put("score", 6)), "field 'score' must be 1 to 5");
        assertInvalid(edit(a -> ((ObjectNode) a.at("/criteria/clarity")).put("score", "5")), "no whole-number score");
        assertInvalid(edit(a -> ((ObjectNode) a.at("/criteria/clarity")).put("quote", " ")), "field 'quote' must not be blank");
        assertInvalid(edit(a -> a.withArray("strengths").add("a").add("b")), "field 'strengths' must hold 2 to 3 entries");
        assertInvalid(edit(a -> a.remove("summary")), "summary");
    }

    private static String edit(java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree(ANSWER);
        change.accept(answer);
        return answer.toString();
    }

    private static void assertInvalid(String answer, String message) {
        assertThatThrownBy(() -> ReportSchema.read(answer, RUBRIC))
                .isInstanceOfSatisfying(GradingFailure.class, e -> assertThat(e.reason()).isEqualTo("invalid-output"))
                .hasMessageContaining(message);
    }

    private static void collectObjects(JsonNode schema, List<JsonNode> objects) {
        if ("object".equals(schema.path("type").asText())) {
            objects.add(schema);
            schema.get("properties").forEach(child -> collectObjects(child, objects));
        } else if (schema.has("items")) {
            collectObjects(schema.get("items"), objects);
        }
    }
}
