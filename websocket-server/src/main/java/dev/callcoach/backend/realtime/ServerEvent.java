package dev.callcoach.backend.realtime;

/** The Realtime server events the bridge acts on, GA and beta names folded together (docs/protocols.md, "Realtime: server events" and "Realtime: beta differences"). */
public sealed interface ServerEvent {

    /** A chunk of assistant audio, base64 μ-law. */
    record AudioDelta(String itemId, String delta) implements ServerEvent {
    }

    /** The server VAD heard the caller start speaking: the barge-in trigger. */
    record SpeechStarted(String itemId, long audioStartMs) implements ServerEvent {
    }

    /** Part of the transcript of what the caller said. */
    record CallerTranscriptDelta(String itemId, String delta) implements ServerEvent {
    }

    /** The final transcript of one caller utterance. */
    record CallerTranscriptDone(String itemId, String transcript) implements ServerEvent {
    }

    /** Part of the transcript of what the assistant is saying. */
    record AssistantTranscriptDelta(String itemId, String delta) implements ServerEvent {
    }

    /** The final transcript of one assistant item. */
    record AssistantTranscriptDone(String itemId, String transcript) implements ServerEvent {
    }

    /** The model wants a function run; {@code arguments} is a JSON string. */
    record FunctionCall(String callId, String name, String arguments) implements ServerEvent {
    }

    /** A response started; only one at a time may write to the conversation. */
    record ResponseCreated(String responseId) implements ServerEvent {
    }

    /** A response ended ({@code completed|cancelled|failed|incomplete}) with what it cost. */
    record ResponseDone(String responseId, String status, Usage usage) implements ServerEvent {
    }

    /** An {@code error} event; most are recoverable and the socket stays open. */
    record Error(String type, String code, String message, String param) implements ServerEvent {
    }

    /** A known event the bridge has no use for (item bookkeeping, rate limits, ...). */
    record Ignored(String type) implements ServerEvent {
    }

    /** An event type this client does not know: counted, never fatal. */
    record Unknown(String type) implements ServerEvent {
    }

    /** A frame that is not a well-formed event. */
    record Malformed(String reason) implements ServerEvent {
    }

    /** Token usage of one response (audio tokens are part of the totals); zeros where the server left a figure out. */
    record Usage(long inputTokens, long outputTokens, long inputAudioTokens, long outputAudioTokens) {

        public static final Usage NONE = new Usage(0, 0, 0, 0);
    }
}
