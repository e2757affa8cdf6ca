package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.callcoach.contracts.internal.Require;

/**
 * How the call did on one rubric criterion.
 *
 * @param id     the criterion's id in the scenario's rubric
 * @param name   the criterion's title, as the page shows it
 * @param score  1 (weak) to 5 (strong)
 * @param reason one sentence
 * @param quote  the caller's words, verbatim from the transcript, that the score rests on
 */
public record CriterionScore(String id, String name, @JsonProperty(required = true) int score, String reason, String quote) {

    public CriterionScore {
        Require.text(id, "id", MessageChecks.MAX_SHORT_TEXT);
        Require.text(name, "name", MessageChecks.MAX_SHORT_TEXT);
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("field 'score' must be 1 to 5");
        }
        Require.text(reason, "reason", MessageChecks.MAX_MESSAGE);
        Require.text(quote, "quote", MessageChecks.MAX_MESSAGE);
    }
}
