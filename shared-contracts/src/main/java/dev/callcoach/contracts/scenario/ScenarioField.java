package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.internal.Require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One input of a scenario's form. Values always travel as strings (see {@link ScenarioConfigValidator}).
 *
 * <p>Which optional parts apply depends on the {@link FieldType}; the constructor refuses the others so a
 * scenario author finds a misplaced rule at load time, not when a caller's value is silently unchecked:
 * <ul>
 *   <li>{@code options}: SELECT only, and SELECT needs at least one.</li>
 *   <li>{@code minLength}, {@code maxLength}, {@code pattern}: TEXT and TEXTAREA only. The pattern must
 *       match the whole value. Values are never longer than {@link #MAX_VALUE_LENGTH} anyway.</li>
 *   <li>{@code min}, {@code max}: NUMBER only, inclusive bounds. NUMBER means a whole number that fits an
 *       {@code int}: the form fields scenarios need (ages, budgets, counts) are whole, and decimals would
 *       bring locale questions we don't need.</li>
 * </ul>
 *
 * @param key         the config map key, letters, digits and '_' starting with a letter, at most
 *                    {@link #MAX_KEY_LENGTH}; "voice" and "config" are reserved for {@link FieldError}s
 * @param label       what the form shows, also used in error messages
 * @param type        how the value is entered
 * @param required    whether the value must be present and not blank
 * @param options     the allowed values of a SELECT field, in display order; empty otherwise
 * @param minLength   least number of characters of a text value, or null
 * @param maxLength   most characters of a text value, or null
 * @param pattern     regular expression a text value must match as a whole, or null
 * @param placeholder example shown in the empty input, or null
 * @param help        one-line explanation under the input, or null
 * @param min         smallest allowed NUMBER value, or null
 * @param max         largest allowed NUMBER value, or null
 */
public record ScenarioField(
        String key,
        String label,
        FieldType type,
        boolean required,
        List<String> options,
        Integer minLength,
        Integer maxLength,
        String pattern,
        String placeholder,
        String help,
        Integer min,
        Integer max) {

    /** Longest field key. */
    public static final int MAX_KEY_LENGTH = 64;
    /** Longest value of any field, whatever its own {@code maxLength}. */
    public static final int MAX_VALUE_LENGTH = 2000;
    /** Most options of a SELECT field. */
    public static final int MAX_OPTIONS = 50;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_LABEL_LENGTH = 100;
    private static final int MAX_OPTION_LENGTH = 200;
    private static final int MAX_PATTERN_LENGTH = 500;
    private static final int MAX_HINT_LENGTH = 500;

    public ScenarioField {
        Require.text(key, "key", MAX_KEY_LENGTH);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("field key '" + key
                    + "' must start with a letter and contain only letters, digits and '_'");
        }
        if (key.equals(FieldError.VOICE) || key.equals(FieldError.CONFIG)) {
            throw new IllegalArgumentException("field key '" + key + "' is reserved");
        }
        Require.text(label, "label", MAX_LABEL_LENGTH);
        Require.nonNull(type, "type");
        options = checkOptions(key, type, options == null ? List.of() : Require.list(options, "options"));
        checkLengths(key, type, minLength, maxLength);
        checkPattern(key, type, pattern);
        checkRange(key, type, min, max);
        Require.maxLength(placeholder, "placeholder", MAX_HINT_LENGTH);
        Require.maxLength(help, "help", MAX_HINT_LENGTH);
    }

    /** A field without {@code min} and {@code max}, i.e. anything but a bounded NUMBER. */
    public ScenarioField(String key, String label, FieldType type, boolean required, List<String> options,
                         Integer minLength, Integer maxLength, String pattern, String placeholder, String help) {
        this(key, label, type, required, options, minLength, maxLength, pattern, placeholder, help, null, null);
    }

    /** A field with only the parts every type has; the other rules are unset. */
    public static ScenarioField of(String key, String label, FieldType type, boolean required) {
        return new ScenarioField(key, label, type, required, List.of(), null, null, null, null, null, null, null);
    }

    /** The compiled {@link #pattern()}, or null when the field has none. */
    public Pattern compiledPattern() {
        return pattern == null ? null : Pattern.compile(pattern);
    }

    private static List<String> checkOptions(String key, FieldType type, List<String> options) {
        if (type != FieldType.SELECT) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("field '" + key + "': only select fields have options");
            }
            return options;
        }
        if (options.isEmpty() || options.size() > MAX_OPTIONS) {
            throw new IllegalArgumentException(
                    "select field '" + key + "' needs 1 to " + MAX_OPTIONS + " options, has " + options.size());
        }
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            Require.text(option, "options", MAX_OPTION_LENGTH);
            if (!seen.add(option)) {
                throw new IllegalArgumentException("select field '" + key + "' lists option '" + option + "' twice");
            }
        }
        return options;
    }

    private static void checkLengths(String key, FieldType type, Integer minLength, Integer maxLength) {
        if (minLength == null && maxLength == null) {
            return;
        }
        if (!type.isText()) {
            throw new IllegalArgumentException("field '" + key + "': minLength and maxLength apply only to text fields");
        }
        int lower = minLength == null ? 0 : minLength;
        int upper = maxLength == null ? MAX_VALUE_LENGTH : maxLength;
        if (lower < 0 || upper < 1 || upper > MAX_VALUE_LENGTH || lower > upper) {
            throw new IllegalArgumentException("field '" + key + "': need 0 <= minLength <= maxLength <= "
                    + MAX_VALUE_LENGTH + " and maxLength >= 1, got " + minLength + ".." + maxLength);
        }
    }

    private static void checkPattern(String key, FieldType type, String pattern) {
        if (pattern == null) {
            return;
        }
        if (!type.isText()) {
            throw new IllegalArgumentException("field '" + key + "': a pattern applies only to text fields");
        }
        Require.text(pattern, "pattern", MAX_PATTERN_LENGTH);
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "field '" + key + "': pattern is not a valid regular expression: " + e.getDescription());
        }
    }

    private static void checkRange(String key, FieldType type, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (type != FieldType.NUMBER) {
            throw new IllegalArgumentException("field '" + key + "': min and max apply only to number fields");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("field '" + key + "': min " + min + " is greater than max " + max);
        }
    }
}
