package dev.callcoach.backend.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.backend.realtime.RealtimeApi;
import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads one scenario file: the {@link Scenario} fields as the webapp sees them, plus
 * {@code "instructions"} (an array of lines, joined with newlines, so long prompts stay readable)
 * {@code "greeting"} and {@code "rubric"} (3 to 6 criteria the call is graded on). Strict: unknown properties, placeholders naming no field, voices OpenAI
 * does not have, or an id that is not the file name are all refused with the file named.
 */
final class ScenarioFiles {

    /** Bounds on what an author may write, so rendered instructions stay well within the model's context. */
    static final int MAX_INSTRUCTIONS_CHARS = 8000;
    static final int MAX_GREETING_CHARS = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ScenarioFiles() {
    }

    /**
     * @param fileName e.g. {@code job-interview.json}; the scenario id must be the name without {@code .json}
     * @throws InvalidScenarioException saying which file and what is wrong
     */
    static ScenarioDefinition parse(String fileName, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("must be a JSON object");
            }
            ObjectNode publicPart = ((ObjectNode) root).deepCopy();
            String instructions = instructionLines(publicPart.remove("instructions"));
            JsonNode greetingNode = publicPart.remove("greeting");
            if (greetingNode == null || !greetingNode.isTextual() || greetingNode.asText().isBlank()) {
                throw new IllegalArgumentException("needs a non-blank string \"greeting\"");
            }
            String greeting = greetingNode.asText();
            Rubric rubric = rubric(publicPart.remove("rubric"));
            if (greeting.length() > MAX_GREETING_CHARS) {
                throw new IllegalArgumentException("greeting is longer than " + MAX_GREETING_CHARS + " characters");
            }
            Scenario scenario = JSON.treeToValue(publicPart, Scenario.class);
            String expectedId = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
            if (!scenario.id().equals(expectedId)) {
                throw new IllegalArgumentException("id '" + scenario.id() + "' must match the file name ('" + expectedId + "')");
            }
            List<String> unknownVoices = scenario.voices().stream()
                    .filter(voice -> !RealtimeApi.GA.voiceFor(voice).equals(voice)).toList();
            if (!unknownVoices.isEmpty()) {
                throw new IllegalArgumentException("voices " + unknownVoices + " are not OpenAI Realtime voices");
            }
            PromptTemplate instructionTemplate = template("instructions", instructions, scenario);
            PromptTemplate greetingTemplate = template("greeting", greeting, scenario);
            return new ScenarioDefinition(scenario, instructionTemplate, greetingTemplate, rubric);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(fileName, rootMessage(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException(fileName, e.getMessage());
        }
    }

    private static Rubric rubric(JsonNode node) throws JsonProcessingException {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("needs \"rubric\": an array of " + Rubric.MIN_CRITERIA + " to "
                    + Rubric.MAX_CRITERIA + " criteria, each with \"id\", \"name\" and \"good\"");
        }
        try {
            return JSON.treeToValue(node, Rubric.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("rubric: " + rootMessage(e));
        }
    }

    private static String instructionLines(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("needs \"instructions\": an array of lines");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : node) {
            if (!line.isTextual()) {
                throw new IllegalArgumentException("\"instructions\" must contain only strings");
            }
            lines.add(line.asText());
        }
        String text = String.join("\n", lines);
        if (text.isBlank() || text.length() > MAX_INSTRUCTIONS_CHARS) {
            throw new IllegalArgumentException("instructions must be 1 to " + MAX_INSTRUCTIONS_CHARS + " characters");
        }
        return text;
    }

    private static PromptTemplate template(String what, String text, Scenario scenario) {
        PromptTemplate template;
        try {
            template = new PromptTemplate(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(template.keys());
        unknown.removeAll(scenario.fields().stream().map(f -> f.key()).collect(Collectors.toSet()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " refer to fields the scenario does not have: " + unknown);
        }
        return template;
    }

    /** Jackson wraps the records' own checks, whose message is the useful part; otherwise say where it failed. */
    private static String rootMessage(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder at = new StringBuilder();
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    at.append(at.isEmpty() ? "" : ".").append(step.getFieldName());
                } else {
                    at.append('[').append(step.getIndex()).append(']');
                }
            }
            message = "at " + at + ": " + message;
        }
        return message;
    }

    /** A scenario file that cannot be used; startup stops with this message. */
    static final class InvalidScenarioException extends RuntimeException {
        InvalidScenarioException(String fileName, String problem) {
            super("scenarios/" + fileName + ": " + problem);
        }
    }
}
