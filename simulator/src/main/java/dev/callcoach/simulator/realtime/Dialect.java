package dev.callcoach.simulator.realtime;

/**
 * The two shapes of the Realtime API. GA is the default; a connection sending
 * {@code OpenAI-Beta: realtime=v1} gets the beta shapes and event names.
 */
public enum Dialect {
    GA,
    BETA;

    String audioDelta() {
        return this == GA ? "response.output_audio.delta" : "response.audio.delta";
    }

    String audioDone() {
        return this == GA ? "response.output_audio.done" : "response.audio.done";
    }

    String transcriptDelta() {
        return this == GA ? "response.output_audio_transcript.delta" : "response.audio_transcript.delta";
    }

    String transcriptDone() {
        return this == GA ? "response.output_audio_transcript.done" : "response.audio_transcript.done";
    }

    String textDelta() {
        return this == GA ? "response.output_text.delta" : "response.text.delta";
    }

    String textDone() {
        return this == GA ? "response.output_text.done" : "response.text.done";
    }

    /** The event announcing a new conversation item. */
    String itemAdded() {
        return this == GA ? "conversation.item.added" : "conversation.item.created";
    }

    /** Content type of assistant audio / text in items. */
    String assistantAudio() {
        return this == GA ? "output_audio" : "audio";
    }

    String assistantText() {
        return this == GA ? "output_text" : "text";
    }

    /** Maximum session length. */
    long maxSessionMinutes() {
        return this == GA ? 60 : 30;
    }
}
