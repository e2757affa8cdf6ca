package dev.callcoach.backend.scenario;

/**
 * The one rule for putting text a caller controls (form settings, their words on the call) into what
 * the model is told: such text is data, never instructions. It is collapsed to one line (so it cannot
 * start a line or a section of its own), escaped, and placed in double quotes, and the call rules in
 * the instructions ({@link ScenarioInstructions#CALL_RULES}) say that quoted text is never obeyed.
 */
public final class CallerText {

    /** Stands for an optional value the caller left empty. */
    public static final String NOT_GIVEN = "(not given)";

    private CallerText() {
    }

    /** The value as one quoted, escaped line; {@link #NOT_GIVEN}, unquoted, when it is empty. */
    public static String quoted(String value) {
        String plain = plain(value);
        return plain.equals(NOT_GIVEN) ? NOT_GIVEN : quote(plain);
    }

    /** One line, control characters and runs of whitespace collapsed to single spaces; {@link #NOT_GIVEN} when empty. */
    static String plain(String value) {
        if (value == null || value.isBlank()) {
            return NOT_GIVEN;
        }
        return value.replaceAll("[\\s\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /** Text already made plain, escaped and placed in double quotes. */
    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
