package dev.callcoach.contracts.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario with a mistake in its schema is refused when it is built, with the mistake named. */
class ScenarioSchemaTest {

    private static final ScenarioField NAME = ScenarioField.of("name", "Your name", FieldType.TEXT, true);

    private static ScenarioField field(FieldType type, List<String> options, Integer minLength, Integer maxLength,
                                       String pattern, Integer min, Integer max) {
        return new ScenarioField("tone", "Tone", type, false, options, minLength, maxLength, pattern, null, null,
                min, max);
    }

    private static Scenario scenario(List<ScenarioField> fields, List<String> voices, String defaultVoice) {
        return new Scenario("cold-call", "Cold call", "Sell a product to a stranger.", fields, voices, defaultVoice);
    }

    @Test
    void wellFormedScenarioKeepsItsParts() {
        ScenarioField tone = field(FieldType.SELECT, List.of("calm", "pushy"), null, null, null, null, null);
        Scenario scenario = scenario(List.of(NAME, tone), List.of("marin", "cedar"), "cedar");

        assertThat(scenario.field("tone")).contains(tone);
        assertThat(scenario.field("missing")).isEmpty();
        assertThat(NAME.options()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "has space", "dash-ed", "voice", "config"})
    void fieldKeysAreIdentifiersAndNotReserved(String key) {
        assertThatThrownBy(() -> ScenarioField.of(key, "Label", FieldType.TEXT, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
    }

    @Test
    void fieldKeyLengthIsBounded() {
        assertThat(ScenarioField.of("k".repeat(64), "Label", FieldType.TEXT, false).key()).hasSize(64);
        assertThatThrownBy(() -> ScenarioField.of("k".repeat(65), "Label", FieldType.TEXT, false))
                .hasMessage("field 'key' must be at most 64 characters long");
    }

    @Test
    void requiredPartsOfAFieldAreNamed() {
        assertThatThrownBy(() -> ScenarioField.of("tone", " ", FieldType.TEXT, false))
                .hasMessage("field 'label' must not be blank");
        assertThatThrownBy(() -> ScenarioField.of("tone", "Tone", null, false))
                .hasMessage("missing required field 'type'");
    }

    @Test
    void selectNeedsDistinctOptionsAndOnlySelectHasThem() {
        assertThatThrownBy(() -> field(FieldType.SELECT, List.of(), null, null, null, null, null))
                .hasMessage("select field 'tone' needs 1 to 50 options, has 0");
        assertThatThrownBy(() -> field(FieldType.SELECT, null, null, null, null, null, null))
                .hasMessage("select field 'tone' needs 1 to 50 options, has 0");
        assertThatThrownBy(() -> field(FieldType.SELECT, List.of("calm", "calm"), null, null, null, null, null))
                .hasMessage("select field 'tone' lists option 'calm' twice");
        assertThatThrownBy(() -> field(FieldType.SELECT, Arrays.asList("calm", null), null, null, null, null, null))
                .hasMessage("field 'options' must not contain null entries");
        List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> "o" + i).toList();
        assertThatThrownBy(() -> field(FieldType.SELECT, tooMany, null, null, null, null, null))
                .hasMessage("select field 'tone' needs 1 to 50 options, has 51");
        assertThatThrownBy(() -> field(FieldType.TEXT, List.of("calm"), null, null, null, null, null))
                .hasMessage("field 'tone': only select fields have options");
    }

    @Test
    void lengthsArePlausibleAndOnlyForText() {
        assertThat(field(FieldType.TEXTAREA, null, 0, 2000, null, null, null).maxLength()).isEqualTo(2000);
        assertThatThrownBy(() -> field(FieldType.TEXT, null, 10, 5, null, null, null))
                .hasMessage("field 'tone': need 0 <= minLength <= maxLength <= 2000 and maxLength >= 1, got 10..5");
        assertThatThrownBy(() -> field(FieldType.TEXT, null, -1, null, null, null, null))
                .hasMessageStartingWith("field 'tone': need 0 <= minLength");
        assertThatThrownBy(() -> field(FieldType.TEXT, null, null, 2001, null, null, null))
                .hasMessageStartingWith("field 'tone': need 0 <= minLength");
        assertThatThrownBy(() -> field(FieldType.NUMBER, null, null, 5, null, null, null))
                .hasMessage("field 'tone': minLength and maxLength apply only to text fields");
    }

    @Test
    void patternMustCompileAndIsOnlyForText() {
        assertThat(field(FieldType.TEXT, null, null, null, "[A-Z]{2}", null, null).compiledPattern().pattern())
                .isEqualTo("[A-Z]{2}");
        assertThatThrownBy(() -> field(FieldType.TEXT, null, null, null, "[A-Z", null, null))
                .hasMessageStartingWith("field 'tone': pattern is not a valid regular expression: ");
        assertThatThrownBy(() -> field(FieldType.BOOLEAN, null, null, null, "true", null, null))
                .hasMessage("field 'tone': a pattern applies only to text fields");
    }

    @Test
    void numberBoundsAreOrderedAndOnlyForNumbers() {
        assertThat(field(FieldType.NUMBER, null, null, null, null, 1, 1).min()).isEqualTo(1);
        assertThatThrownBy(() -> field(FieldType.NUMBER, null, null, null, null, 5, 1))
                .hasMessage("field 'tone': min 5 is greater than max 1");
        assertThatThrownBy(() -> field(FieldType.TEXT, null, null, null, null, 0, null))
                .hasMessage("field 'tone': min and max apply only to number fields");
    }

    @Test
    void hintsAreBounded() {
        assertThatThrownBy(() -> new ScenarioField("tone", "Tone", FieldType.TEXT, false, null, null, null, null,
                "x".repeat(501), null)).hasMessage("field 'placeholder' must be at most 500 characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Cold-Call", "-cold", "cold_call", "cold call"})
    void scenarioIdsAreSlugs(String id) {
        assertThatThrownBy(() -> new Scenario(id, "Cold call", "Sell.", List.of(), List.of("marin"), "marin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldKeysAreUniqueAndFieldsBounded() {
        assertThatThrownBy(() -> scenario(List.of(NAME, NAME), List.of("marin"), "marin"))
                .hasMessage("scenario 'cold-call' has two fields with key 'name'");
        List<ScenarioField> many = new ArrayList<>();
        for (int i = 0; i <= Scenario.MAX_FIELDS; i++) {
            many.add(ScenarioField.of("f" + i, "Field " + i, FieldType.TEXT, false));
        }
        assertThatThrownBy(() -> scenario(many, List.of("marin"), "marin"))
                .hasMessage("scenario 'cold-call' has 33 fields, at most 32 are allowed");
    }

    @Test
    void voicesAreDistinctAndIncludeTheDefault() {
        assertThatThrownBy(() -> scenario(List.of(), List.of(), "marin"))
                .hasMessage("scenario 'cold-call' needs at least one voice");
        assertThatThrownBy(() -> scenario(List.of(), List.of("marin", "marin"), "marin"))
                .hasMessage("scenario 'cold-call' lists voice 'marin' twice");
        assertThatThrownBy(() -> scenario(List.of(), List.of("marin"), "cedar"))
                .hasMessage("scenario 'cold-call': defaultVoice 'cedar' is not one of its voices [marin]");
        assertThatThrownBy(() -> scenario(List.of(), List.of("marin"), null))
                .hasMessage("missing required field 'defaultVoice'");
    }

    @Test
    void listsAreCopied() {
        List<ScenarioField> fields = new ArrayList<>(List.of(NAME));
        Scenario scenario = scenario(fields, List.of("marin"), "marin");
        fields.clear();

        assertThat(scenario.fields()).containsExactly(NAME);
    }
}
