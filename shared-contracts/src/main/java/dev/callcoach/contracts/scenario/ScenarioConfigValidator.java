package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.internal.Utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a filled-in scenario form and voice choice against the scenario before a call is reserved. The
 * webapp runs it to show errors next to the inputs; the backend runs it again because the webapp is not the
 * only thing that can reach it.
 *
 * <p>Values are strings as typed. A missing, null or blank value counts as not filled in. Lengths count
 * Unicode code points, so an emoji is one character. A field's pattern is trusted (scenario authors write
 * it) and applied to at most {@link ScenarioField#MAX_VALUE_LENGTH} characters.
 */
public final class ScenarioConfigValidator {

    /** Most UTF-8 bytes of all keys and values together. */
    public static final int MAX_CONFIG_BYTES = 8 * 1024;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,10}");

    private ScenarioConfigValidator() {
    }

    /**
     * Validates {@code config} (field key to value; null means empty) and {@code voice} against
     * {@code scenario}.
     *
     * @return the problems, in form order, voice last; empty when the config is valid. Errors about the
     *         form as a whole (too many or too large values) come alone, keyed {@link FieldError#CONFIG}.
     */
    public static List<FieldError> validate(Scenario scenario, Map<String, String> config, String voice) {
        Objects.requireNonNull(scenario, "scenario");
        Map<String, String> values = config == null ? Map.of() : config;
        String oversize = oversize(values);
        if (oversize != null) {
            return List.of(new FieldError(FieldError.CONFIG, oversize));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String key : values.keySet()) {
            if (key == null || key.length() > ScenarioField.MAX_KEY_LENGTH) {
                errors.add(new FieldError(FieldError.CONFIG, "The form contains a value without a valid field name."));
            } else if (scenario.field(key).isEmpty()) {
                errors.add(new FieldError(key, "This scenario has no such field."));
            }
        }
        for (ScenarioField field : scenario.fields()) {
            String problem = problem(field, values.get(field.key()));
            if (problem != null) {
                errors.add(new FieldError(field.key(), problem));
            }
        }
        if (voice == null || voice.isBlank()) {
            errors.add(new FieldError(FieldError.VOICE, "Choose a voice."));
        } else if (!scenario.voices().contains(voice)) {
            errors.add(new FieldError(FieldError.VOICE,
                    "Choose one of the voices: " + String.join(", ", scenario.voices()) + "."));
        }
        return List.copyOf(errors);
    }

    private static String oversize(Map<String, String> values) {
        if (values.size() > Scenario.MAX_FIELDS) {
            return "The form has " + values.size() + " values; at most " + Scenario.MAX_FIELDS + " are allowed.";
        }
        long bytes = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            bytes += Utf8.length(entry.getKey()) + Utf8.length(entry.getValue());
        }
        return bytes > MAX_CONFIG_BYTES
                ? "The form is too large: all values together may be at most " + MAX_CONFIG_BYTES / 1024 + " KB."
                : null;
    }

    /** The message for a field's value, or null when it is fine. */
    private static String problem(ScenarioField field, String value) {
        String label = field.label();
        if (value == null || value.isBlank()) {
            return field.required() ? label + " is required." : null;
        }
        return switch (field.type()) {
            case TEXT, TEXTAREA -> textProblem(field, value);
            case SELECT -> field.options().contains(value)
                    ? null
                    : label + " must be one of: " + String.join(", ", field.options()) + ".";
            case NUMBER -> numberProblem(field, value);
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null : label + " must be true or false.";
        };
    }

    private static String textProblem(ScenarioField field, String value) {
        String label = field.label();
        int length = value.codePointCount(0, value.length());
        int maxLength = field.maxLength() == null ? ScenarioField.MAX_VALUE_LENGTH : field.maxLength();
        if (length > maxLength) {
            return label + " must be at most " + maxLength + " characters.";
        }
        if (field.minLength() != null && length < field.minLength()) {
            return label + " must be at least " + field.minLength() + " characters.";
        }
        boolean multiline = field.type() == FieldType.TEXTAREA;
        // Values end up in the AI's instructions and in logs: no control characters but line breaks and tabs.
        boolean badCharacter = value.chars().anyMatch(c -> Character.isISOControl(c)
                && !(c == '\t' || (multiline && (c == '\n' || c == '\r'))));
        if (badCharacter) {
            return multiline
                    ? label + " contains characters that aren't allowed."
                    : label + " must be a single line without special characters.";
        }
        Pattern pattern = field.compiledPattern();
        if (pattern != null && !pattern.matcher(value).matches()) {
            return label + " doesn't have the expected format"
                    + (field.placeholder() == null ? "" : ", e.g. " + field.placeholder()) + ".";
        }
        return null;
    }

    private static String numberProblem(ScenarioField field, String value) {
        String label = field.label();
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            return label + " must be a whole number.";
        }
        long number = Long.parseLong(value);
        long lowest = field.min() == null ? Integer.MIN_VALUE : field.min();
        long highest = field.max() == null ? Integer.MAX_VALUE : field.max();
        if (number < lowest) {
            return label + " must be at least " + lowest + ".";
        }
        if (number > highest) {
            return label + " must be at most " + highest + ".";
        }
        return null;
    }
}
