package dev.callcoach.contracts.channel;

import dev.callcoach.contracts.internal.Require;

import java.util.List;

/**
 * The grader's feedback on one call.
 *
 * @param summary   at most three sentences on the call as a whole
 * @param criteria  one score per rubric criterion, in the rubric's order
 * @param strengths 2 or 3 things that went well
 * @param nextSteps 2 or 3 things to try next time
 */
public record CoachingReport(String summary, List<CriterionScore> criteria, List<String> strengths,
                             List<NextStep> nextSteps) {

    /** Fewest strengths and next steps a report holds. */
    public static final int MIN_POINTS = 2;
    /** Most strengths and next steps a report holds. */
    public static final int MAX_POINTS = 3;

    public CoachingReport {
        Require.text(summary, "summary", MessageChecks.MAX_MESSAGE);
        criteria = Require.list(criteria, "criteria");
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("field 'criteria' must not be empty");
        }
        strengths = points(Require.list(strengths, "strengths"), "strengths");
        strengths.forEach(strength -> Require.text(strength, "strengths", MessageChecks.MAX_MESSAGE));
        nextSteps = points(Require.list(nextSteps, "nextSteps"), "nextSteps");
    }

    private static <T> List<T> points(List<T> values, String field) {
        if (values.size() < MIN_POINTS || values.size() > MAX_POINTS) {
            throw new IllegalArgumentException("field '" + field + "' must hold " + MIN_POINTS + " to " + MAX_POINTS
                    + " entries");
        }
        return values;
    }
}
