package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.internal.Require;

/**
 * One problem with a filled-in scenario form, phrased for the person who filled it in.
 *
 * @param key     the {@link ScenarioField#key()} it is about, or {@link #VOICE} or {@link #CONFIG}
 * @param message a complete sentence, e.g. "Company name is required."
 */
public record FieldError(String key, String message) {

    /** Key of an error about the chosen voice rather than a form field. */
    public static final String VOICE = "voice";
    /** Key of an error about the form as a whole (too many or too large values, unreadable keys). */
    public static final String CONFIG = "config";

    public FieldError {
        Require.nonNull(key, "key");
        Require.text(message, "message", Integer.MAX_VALUE);
    }
}
