package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.examples.ContractExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs against the scenarios of the catalog example, the same ones the services test with. */
class ScenarioConfigValidatorTest {

    private static final List<Scenario> CATALOG =
            ((ScenarioCatalog) ContractExamples.message("scenario.catalog")).scenarios();
    private static final Scenario INTERVIEW = CATALOG.get(0);
    private static final Scenario REFUND = CATALOG.get(1);

    /** A complete, valid interview form. */
    private static Map<String, String> interview() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("role", "Junior backend developer");
        config.put("company", "Acme Logistics");
        config.put("difficulty", "tough");
        config.put("yearsOfExperience", "2");
        config.put("includeSalaryQuestion", "true");
        config.put("background", "I am switching careers.\nI have built two small web apps.");
        return config;
    }

    private static List<FieldError> validate(Map<String, String> config) {
        return ScenarioConfigValidator.validate(INTERVIEW, config, "marin");
    }

    private static List<FieldError> validateWith(String key, String value) {
        Map<String, String> config = interview();
        config.put(key, value);
        return validate(config);
    }

    @Test
    void completeFormIsValid() {
        assertThat(validate(interview())).isEmpty();
        assertThat(ScenarioConfigValidator.validate(REFUND, Map.of("orderNumber", "AB-123456"), "ash")).isEmpty();
    }

    @Test
    void optionalFieldsMayBeLeftOutOrBlank() {
        Map<String, String> config = new HashMap<>(Map.of("role", "Developer", "difficulty", "neutral"));
        config.put("company", "  ");
        config.put("background", null);

        assertThat(validate(config)).isEmpty();
    }

    @Test
    void requiredFieldsMustBeFilledIn() {
        assertThat(validate(Map.of("role", " "))).containsExactly(
                new FieldError("role", "Role you are applying for is required."),
                new FieldError("difficulty", "Interviewer style is required."));
        assertThat(validate(null)).extracting(FieldError::key).containsExactly("role", "difficulty");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            role                  | D                 | Role you are applying for must be at least 2 characters.
            company               | Acme Logistics Incorporated, a company with a name far too long to be a company name | Company must be at most 80 characters.
            difficulty            | brutal            | Interviewer style must be one of: friendly, neutral, tough.
            difficulty            | Tough             | Interviewer style must be one of: friendly, neutral, tough.
            yearsOfExperience     | two               | Years of experience must be a whole number.
            yearsOfExperience     | 2.5               | Years of experience must be a whole number.
            yearsOfExperience     | 99999999999       | Years of experience must be a whole number.
            yearsOfExperience     | -1                | Years of experience must be at least 0.
            yearsOfExperience     | 51                | Years of experience must be at most 50.
            includeSalaryQuestion | yes               | Ask about salary expectations must be true or false.
            includeSalaryQuestion | TRUE              | Ask about salary expectations must be true or false.
            """)
    void eachRuleHasItsOwnMessage(String key, String value, String message) {
        assertThat(validateWith(key, value)).containsExactly(new FieldError(key, message));
    }

    @Test
    void controlCharactersAreRefusedAndTextStaysOnOneLine() {
        String singleLine = "Role you are applying for must be a single line without special characters.";

        assertThat(validateWith("role", "Developer\u0000")).containsExactly(new FieldError("role", singleLine));
        assertThat(validateWith("role", "Line one\nline two")).containsExactly(new FieldError("role", singleLine));
        assertThat(validateWith("background", "Beep\u0007")).containsExactly(new FieldError("background",
                "Anything the interviewer should know contains characters that aren't allowed."));
    }

    @Test
    void lengthCountsCharactersNotBytesOrCodeUnits() {
        assertThat(validateWith("company", "🚚".repeat(80))).isEmpty();
        assertThat(validateWith("company", "🚚".repeat(81)))
                .containsExactly(new FieldError("company", "Company must be at most 80 characters."));
    }

    @Test
    void textareaAllowsLineBreaksAndFieldWithoutMaxLengthStopsAtTheAbsoluteBound() {
        assertThat(validateWith("background", "First line.\r\nSecond line.\tIndented.")).isEmpty();

        ScenarioField notes = ScenarioField.of("notes", "Notes", FieldType.TEXTAREA, false);
        Scenario scenario = new Scenario("notes", "Notes", "Free notes.", List.of(notes), List.of("marin"), "marin");
        assertThat(ScenarioConfigValidator.validate(scenario, Map.of("notes", "n".repeat(2000)), "marin")).isEmpty();
        assertThat(ScenarioConfigValidator.validate(scenario, Map.of("notes", "n".repeat(2001)), "marin"))
                .containsExactly(new FieldError("notes", "Notes must be at most 2000 characters."));
    }

    @Test
    void patternMismatchShowsTheExample() {
        assertThat(ScenarioConfigValidator.validate(REFUND, Map.of("orderNumber", "ab-123456"), "ash"))
                .containsExactly(new FieldError("orderNumber",
                        "Order number doesn't have the expected format, e.g. AB-123456."));
        // The whole value must match, not just a part of it.
        assertThat(ScenarioConfigValidator.validate(REFUND, Map.of("orderNumber", "AB-1234567"), "ash"))
                .extracting(FieldError::key).containsExactly("orderNumber");
    }

    @Test
    void unknownKeysAreReportedWithoutEchoingThem() {
        assertThat(validateWith("salary", "100k"))
                .containsExactly(new FieldError("salary", "This scenario has no such field."));
        assertThat(validateWith("k".repeat(65), "x")).containsExactly(
                new FieldError(FieldError.CONFIG, "The form contains a value without a valid field name."));
    }

    @Test
    void voiceMustBeOneOfTheScenarios() {
        assertThat(ScenarioConfigValidator.validate(INTERVIEW, interview(), "coral"))
                .containsExactly(new FieldError(FieldError.VOICE, "Choose one of the voices: marin, cedar, alloy."));
        assertThat(ScenarioConfigValidator.validate(INTERVIEW, interview(), null))
                .containsExactly(new FieldError(FieldError.VOICE, "Choose a voice."));
    }

    @Test
    void tooManyValuesAreRefusedAsAWhole() {
        Map<String, String> config = interview();
        for (int i = 0; config.size() <= Scenario.MAX_FIELDS; i++) {
            config.put("extra" + i, "x");
        }

        assertThat(validate(config)).containsExactly(
                new FieldError(FieldError.CONFIG, "The form has 33 values; at most 32 are allowed."));
    }

    @Test
    void tooLargeFormIsRefusedAsAWhole() {
        Map<String, String> config = interview();
        config.put("background", "ö".repeat(1000));
        config.put("company", "ö".repeat(1000));
        config.put("role", "ö".repeat(1000));
        config.put("extra", "x".repeat(2500)); // 3 × 2000 + 2500 bytes, over 8 KB

        assertThat(validate(config)).containsExactly(new FieldError(FieldError.CONFIG,
                "The form is too large: all values together may be at most 8 KB."));
        assertThat(validateWith("background", "x".repeat(1 << 20))).hasSize(1);
    }

    @Test
    void errorsComeInFormOrderWithUnknownKeysFirstAndVoiceLast() {
        Map<String, String> config = new LinkedHashMap<>(Map.of("difficulty", "brutal", "bogus", "x"));

        assertThat(ScenarioConfigValidator.validate(INTERVIEW, config, "coral"))
                .extracting(FieldError::key)
                .containsExactly("bogus", "role", "difficulty", FieldError.VOICE);
    }
}
