package dev.callcoach.webapp.call.ui;

/** What the browser says about this site's use of the microphone (the Permissions API's states). */
enum MicrophonePermission {
    /** The browser can't tell; it asks when the call starts, if it must. */
    UNKNOWN,
    /** The browser will ask. */
    PROMPT,
    GRANTED,
    DENIED;

    /** The state a value from the browser names; anything else is {@link #UNKNOWN}. */
    static MicrophonePermission of(String state) {
        return switch (state == null ? "" : state) {
            case "prompt" -> PROMPT;
            case "granted" -> GRANTED;
            case "denied" -> DENIED;
            default -> UNKNOWN;
        };
    }
}
