package dev.callcoach.simulator.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulated model answers in one response: spoken text (its audio is the session's
 * recognisable pattern, {@code audio} long), optionally followed by a function call. The call only
 * happens when the session (or the {@code response.create}) configured a function of that name.
 */
public record Reply(String text, Duration audio, String toolName, String toolArguments) {

    private static final long MS_PER_WORD = 300;
    private static final long MIN_AUDIO_MS = 600;

    public Reply {
        if (text == null && toolName == null) {
            throw new IllegalArgumentException("a reply says something, calls a tool, or both");
        }
        if (audio != null && (audio.isNegative() || audio.isZero())) {
            throw new IllegalArgumentException("reply audio must be positive: " + audio);
        }
    }

    /** Says {@code text}; its audio lasts 300 ms a word (at least 600 ms). */
    public static Reply say(String text) {
        Objects.requireNonNull(text, "text");
        long words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        return new Reply(text, Duration.ofMillis(Math.max(MIN_AUDIO_MS, words * MS_PER_WORD)), null, null);
    }

    /** Only calls function {@code name} with {@code argumentsJson}; no audio. */
    public static Reply call(String name, String argumentsJson) {
        return new Reply(null, null, Objects.requireNonNull(name, "name"), Objects.requireNonNull(argumentsJson, "argumentsJson"));
    }

    /** The same words with {@code audio} of audio. */
    public Reply lasting(Duration audio) {
        return new Reply(text, audio, toolName, toolArguments);
    }

    /** Speaks, then calls function {@code name} in the same response. */
    public Reply thenCall(String name, String argumentsJson) {
        return new Reply(text, audio, Objects.requireNonNull(name, "name"), Objects.requireNonNull(argumentsJson, "argumentsJson"));
    }

    boolean speaks() {
        return text != null;
    }
}
