package dev.callcoach.webapp.call.ui;

import java.util.Locale;
import java.util.Map;

/** The AI voices as a person picks them: a name and what it sounds like. */
final class Voices {

    /** OpenAI Realtime's voices, described by ear; a voice not listed shows its name alone. */
    private static final Map<String, String> SOUNDS = Map.of(
            "alloy", "neutral and even",
            "ash", "clear and steady",
            "ballad", "soft and expressive",
            "coral", "warm and friendly",
            "echo", "calm and measured",
            "sage", "gentle and thoughtful",
            "shimmer", "bright and light",
            "verse", "lively and expressive",
            "marin", "natural and warm",
            "cedar", "natural and deep");

    private Voices() {
    }

    /** "marin" becomes "Marin: natural and warm". */
    static String describe(String voice) {
        if (voice == null || voice.isEmpty()) {
            return "";
        }
        String name = voice.substring(0, 1).toUpperCase(Locale.ROOT) + voice.substring(1);
        String sound = SOUNDS.get(voice.toLowerCase(Locale.ROOT));
        return sound == null ? name : name + ": " + sound;
    }
}
