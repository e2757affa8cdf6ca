package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.internal.Require;

import java.util.regex.Pattern;

/**
 * One thing a call is graded on.
 *
 * @param id   stable key, lower-case letters, digits and '-' (it names a property of the grading schema)
 * @param name short title the page shows, e.g. "Concrete examples (STAR)"
 * @param good what a strong performance looks like in this scenario; the grader scores against it
 */
public record RubricCriterion(String id, String name, String good) {

    /** Longest criterion id. */
    public static final int MAX_ID_LENGTH = 40;
    /** Longest criterion name. */
    public static final int MAX_NAME_LENGTH = 80;
    /** Longest description of good performance. */
    public static final int MAX_GOOD_LENGTH = 600;

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    public RubricCriterion {
        Require.text(id, "id", MAX_ID_LENGTH);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "criterion id '" + id + "' must be lower-case letters, digits and '-', starting with a letter");
        }
        Require.text(name, "name", MAX_NAME_LENGTH);
        Require.text(good, "good", MAX_GOOD_LENGTH);
    }
}
