package dev.callcoach.contracts.internal;

import java.util.List;
import java.util.Objects;

/**
 * Compact-constructor checks whose messages name the JSON field, so a decoding error can be shown to
 * the sender as it is ("missing required field 'sessionId'").
 */
public final class Require {

    private Require() {
    }

    /** Throws {@link NullPointerException} naming the field when {@code value} is null. */
    public static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new NullPointerException("missing required field '" + field + "'");
        }
        return value;
    }

    /** Requires a non-blank string of at most {@code maxLength} characters. */
    public static String text(String value, String field, int maxLength) {
        nonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
        return maxLength(value, field, maxLength);
    }

    /** Requires {@code value}, when present, to be at most {@code maxLength} characters long. */
    public static String maxLength(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(
                    "field '" + field + "' must be at most " + maxLength + " characters long");
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException("field '" + field + "' must be at least " + min);
        }
        return value;
    }

    /** An immutable copy of a required list that must not contain nulls. */
    public static <T> List<T> list(List<T> values, String field) {
        nonNull(values, field);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("field '" + field + "' must not contain null entries");
        }
        return List.copyOf(values);
    }
}
