package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code transcript}: a line of the conversation, partial while it is being spoken.
 *
 * @param text    the line so far (partial) or in full (final); may be empty
 * @param isFinal JSON {@code "final"}: false while the line may still change, true once it won't
 * @param itemId  the Realtime conversation item the line belongs to, so partials of one line can be
 *                replaced by the next; null when unknown
 * @param at      when the line started or was last updated
 */
@JsonTypeName("transcript")
public record TranscriptEvent(
        UUID sessionId,
        Speaker speaker,
        String text,
        @JsonProperty(value = "final", required = true) boolean isFinal,
        String itemId,
        Instant at) implements ChannelEvent {

    public TranscriptEvent {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(speaker, "speaker");
        Require.nonNull(text, "text");
        Require.maxLength(itemId, "itemId", MessageChecks.MAX_SHORT_TEXT);
        Require.nonNull(at, "at");
    }
}
