package dev.callcoach.contracts.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rubric is three to six well-formed criteria with unique ids, read from a plain JSON array. */
class RubricTest {

    private static RubricCriterion criterion(String id) {
        return new RubricCriterion(id, "Name of " + id, "What good looks like for " + id + ".");
    }

    private static List<RubricCriterion> criteria(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> criterion("c" + i)).toList();
    }

    @Test
    void readsAndWritesAsAJsonArray() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = "[{\"id\":\"star\",\"name\":\"STAR\",\"good\":\"Concrete.\"},"
                + "{\"id\":\"clarity\",\"name\":\"Clarity\",\"good\":\"Short.\"},"
                + "{\"id\":\"questions\",\"name\":\"Questions\",\"good\":\"Asks.\"}]";

        Rubric rubric = json.readValue(text, Rubric.class);

        assertThat(rubric.ids()).containsExactly("star", "clarity", "questions");
        assertThat(json.readTree(json.writeValueAsString(rubric))).isEqualTo(json.readTree(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 7})
    void needsThreeToSixCriteria(int count) {
        assertThatThrownBy(() -> new Rubric(criteria(count)))
                .hasMessage("rubric needs 3 to 6 criteria, has " + count);
    }

    @Test
    void threeAndSixAreFine() {
        assertThat(new Rubric(criteria(3)).criteria()).hasSize(3);
        assertThat(new Rubric(criteria(6)).criteria()).hasSize(6);
    }

    @Test
    void idsAreUnique() {
        assertThatThrownBy(() -> new Rubric(List.of(criterion("a"), criterion("b"), criterion("a"))))
                .hasMessage("rubric has two criteria with id 'a'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Star", "1st", "has space", "-x", "x_y"})
    void idIsLowerCaseLettersDigitsAndDashes(String id) {
        assertThatThrownBy(() -> criterion(id)).hasMessageContaining("must be lower-case letters, digits and '-'");
    }

    @Test
    void nameAndGoodAreRequiredAndBounded() {
        assertThatThrownBy(() -> new RubricCriterion("a", " ", "Good.")).hasMessage("field 'name' must not be blank");
        assertThatThrownBy(() -> new RubricCriterion("a", "A", null)).hasMessage("missing required field 'good'");
        assertThatThrownBy(() -> new RubricCriterion("a", "A", "g".repeat(601)))
                .hasMessage("field 'good' must be at most 600 characters long");
    }
}
