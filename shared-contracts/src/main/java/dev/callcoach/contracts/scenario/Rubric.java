package dev.callcoach.contracts.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a scenario's calls are graded on: {@value #MIN_CRITERIA} to {@value #MAX_CRITERIA} criteria with
 * unique ids, in the order the report shows them. In a scenario file it is the {@code "rubric"} array.
 */
public record Rubric(List<RubricCriterion> criteria) {

    /** Fewest criteria: fewer says too little about a call. */
    public static final int MIN_CRITERIA = 3;
    /** Most criteria: more is more than a person takes in after a call. */
    public static final int MAX_CRITERIA = 6;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Rubric {
        Objects.requireNonNull(criteria, "rubric");
        if (criteria.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("rubric must not contain null criteria");
        }
        criteria = List.copyOf(criteria);
        if (criteria.size() < MIN_CRITERIA || criteria.size() > MAX_CRITERIA) {
            throw new IllegalArgumentException("rubric needs " + MIN_CRITERIA + " to " + MAX_CRITERIA
                    + " criteria, has " + criteria.size());
        }
        Set<String> ids = new HashSet<>();
        for (RubricCriterion criterion : criteria) {
            if (!ids.add(criterion.id())) {
                throw new IllegalArgumentException("rubric has two criteria with id '" + criterion.id() + "'");
            }
        }
    }

    /** The criteria as a JSON array, the form scenario files use. */
    @JsonValue
    @Override
    public List<RubricCriterion> criteria() {
        return criteria;
    }

    /** The ids, in order. */
    public List<String> ids() {
        return criteria.stream().map(RubricCriterion::id).toList();
    }
}
