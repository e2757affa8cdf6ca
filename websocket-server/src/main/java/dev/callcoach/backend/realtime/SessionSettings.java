package dev.callcoach.backend.realtime;

import java.util.Objects;

/**
 * What one call's Realtime session is told.
 *
 * @param instructions the scenario's rendered system instructions
 * @param voice        the voice the caller picked; replaced by a supported one if the API lacks it
 */
public record SessionSettings(String instructions, String voice) {

    public SessionSettings {
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(voice, "voice");
    }
}
