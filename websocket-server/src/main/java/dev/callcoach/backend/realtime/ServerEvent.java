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

    /**
     * The model wants a function run; {@code arguments} is a JSON string. {@code name} may be null: the
     * published GA types do not promise it here, only on the function-call item ({@link FunctionCallItem}).
     */
    record FunctionCall(String callId, String name, String arguments) implements ServerEvent {
    }

    /** A {@code function_call} output item ({@code response.output_item.added/done}): where the name surely is. */
    record FunctionCallItem(String callId, String name) implements ServerEvent {
    }

    /**
     * The session config now in force. {@code bothWays} is the format of input and output when they are the
     * same one of ours, else null; only that passes through to the caller untouched.
     */
    record SessionUpdated(AudioFormat bothWays, String outputFormat) implements ServerEvent {
    }

    /**
     * An item took its place in the conversation ({@code conversation.item.added/created},
     * {@code input_audio_buffer.committed}); {@code previousItemId} is the item before it, null at the start.
     * {@code callerAudio}: the caller's speech, whose transcript comes later on its own.
     */
    record ItemAdded(String itemId, String previousItemId, boolean callerAudio) implements ServerEvent {
    }

    /** The caller's words of one item could not be transcribed. */
    record CallerTranscriptFailed(String itemId) implements ServerEvent {
    }

    /** A response started; only one at a time may write to the conversation. */
    record ResponseCreated(String responseId) implements ServerEvent {
    }

    /**
     * A response ended ({@code completed|cancelled|failed|incomplete}) with what it cost. From
     * {@code status_details}: {@code errorCode} when failed (e.g. {@code insufficient_quota}),
     * {@code reason} when cancelled or incomplete (e.g. {@code max_output_tokens}); null otherwise.
     */
    record ResponseDone(String responseId, String status, String errorCode, String reason, Usage usage) implements ServerEvent {

        public ResponseDone(String responseId, String status, Usage usage) {
            this(responseId, status, null, null, usage);
        }
    }

    /**
     * An {@code error} event; most are recoverable and the socket stays open. {@code clientEventId} is the
     * {@code event_id} of the client event that caused it, when the server could tell.
     */
    record Error(String type, String code, String message, String param, String clientEventId) implements ServerEvent {
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
