package dev.callcoach.backend.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.NextStep;
import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.RubricCriterion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Structured Outputs schema of a report for one rubric, and the reading of the model's answer.
 *
 * <p>The schema keeps to what strict mode accepts (docs/architecture.md, "Coaching reports"):
 * every object lists all its properties as required and forbids others. Criteria are an object keyed by
 * criterion id, so the schema itself says which criteria, and only those, must be scored. The answer is
 * checked again here: a model or a proxy that ignored the schema must not produce a broken report.
 */
final class ReportSchema {

    /** The {@code text.format.name} of grading requests. */
    static final String NAME = "coaching_report";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSchema() {
    }

    static ObjectNode forRubric(Rubric rubric) {
        ObjectNode criteria = object();
        for (RubricCriterion criterion : rubric.criteria()) {
            ObjectNode score = object().put("description", criterion.name() + ": " + criterion.good());
            score.withObjectProperty("properties").set("score", JSON.createObjectNode().put("type", "integer")
                    .put("description", "1 (weak) to 5 (strong)")
                    .set("enum", JSON.createArrayNode().add(1).add(2).add(3).add(4).add(5)));
            score.withObjectProperty("properties").set("reason", string("Why this score, in one sentence."));
            score.withObjectProperty("properties").set("quote", string(
                    "The caller's words this score rests on, copied character for character from one caller line."));
            criteria.withObjectProperty("properties").set(criterion.id(), requireAll(score));
        }
        ObjectNode nextStep = object();
        nextStep.withObjectProperty("properties").set("suggestion", string("What to do differently next time."));
        nextStep.withObjectProperty("properties").set("example", string("A phrasing the caller could use, in their own voice."));

        ObjectNode root = object();
        root.withObjectProperty("properties").set("summary", string("The call as a whole, at most three sentences."));
        root.withObjectProperty("properties").set("criteria", requireAll(criteria));
        root.withObjectProperty("properties").set("strengths", array(string("Something that went well, one sentence.")));
        root.withObjectProperty("properties").set("nextSteps", array(requireAll(nextStep)));
        return requireAll(root);
    }

    /**
     * @throws GradingFailure {@code invalid-output} when the text is not a report for exactly this rubric
     */
    static CoachingReport read(String text, Rubric rubric) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("the answer is not JSON");
        }
        try {
            JsonNode criteria = root.path("criteria");
            List<String> answered = new ArrayList<>();
            criteria.fieldNames().forEachRemaining(answered::add);
            if (!criteria.isObject() || answered.size() != rubric.criteria().size()
                    || !answered.containsAll(rubric.ids())) {
                throw invalid("the answer scores " + answered + ", not the rubric's " + rubric.ids());
            }
            List<CriterionScore> scores = new ArrayList<>();
            for (RubricCriterion criterion : rubric.criteria()) {
                JsonNode score = criteria.get(criterion.id());
                if (!score.path("score").isInt()) {
                    throw invalid("criterion '" + criterion.id() + "' has no whole-number score");
                }
                scores.add(new CriterionScore(criterion.id(), criterion.name(), score.path("score").intValue(),
                        text(score, "reason"), text(score, "quote")));
            }
            List<String> strengths = new ArrayList<>();
            for (JsonNode strength : root.path("strengths")) {
                strengths.add(strength.isTextual() ? strength.textValue() : null);
            }
            List<NextStep> nextSteps = new ArrayList<>();
            for (JsonNode step : root.path("nextSteps")) {
                nextSteps.add(new NextStep(text(step, "suggestion"), text(step, "example")));
            }
            return new CoachingReport(text(root, "summary"), scores, strengths, nextSteps);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The records' own checks: a score out of range, a blank reason, four strengths...
            throw invalid(e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue().strip() : null;
    }

    private static GradingFailure invalid(String why) {
        return new GradingFailure("invalid-output", "the grader's answer is not a usable report: " + why);
    }

    private static ObjectNode object() {
        ObjectNode node = JSON.createObjectNode().put("type", "object");
        node.putObject("properties");
        return node;
    }

    /** Strict mode: every property required, no others allowed. */
    private static ObjectNode requireAll(ObjectNode object) {
        ArrayNode required = object.putArray("required");
        Iterator<String> names = object.get("properties").fieldNames();
        names.forEachRemaining(required::add);
        object.put("additionalProperties", false);
        return object;
    }

    private static ObjectNode string(String description) {
        return JSON.createObjectNode().put("type", "string").put("description", description);
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode array = JSON.createObjectNode().put("type", "array")
                .put("minItems", CoachingReport.MIN_POINTS).put("maxItems", CoachingReport.MAX_POINTS);
        array.set("items", items);
        return array;
    }
}
