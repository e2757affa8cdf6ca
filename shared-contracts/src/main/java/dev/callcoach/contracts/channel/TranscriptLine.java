package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.callcoach.contracts.internal.Require;

/**
 * One final line of a finished call's transcript.
 *
 * @param offsetMs when the line was complete, in milliseconds from the start of the call
 */
public record TranscriptLine(Speaker speaker, String text, @JsonProperty(required = true) long offsetMs) {

    public TranscriptLine {
        Require.nonNull(speaker, "speaker");
        Require.nonNull(text, "text");
        Require.atLeast(offsetMs, 0, "offsetMs");
    }
}
