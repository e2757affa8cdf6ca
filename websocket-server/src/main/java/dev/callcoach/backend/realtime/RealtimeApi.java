package dev.callcoach.backend.realtime;

import java.util.Set;

/** The two shapes of the Realtime API: GA, and the legacy beta selected by the {@code OpenAI-Beta} header. */
public enum RealtimeApi {
    GA(Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"), "marin"),
    BETA(Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse"), "alloy");

    private final Set<String> voices;
    private final String fallbackVoice;

    RealtimeApi(Set<String> voices, String fallbackVoice) {
        this.voices = voices;
        this.fallbackVoice = fallbackVoice;
    }

    /** The voice to ask for: the wanted one if this API has it, else a safe default (beta lacks marin and cedar). */
    public String voiceFor(String wanted) {
        return wanted != null && voices.contains(wanted) ? wanted : fallbackVoice;
    }
}
