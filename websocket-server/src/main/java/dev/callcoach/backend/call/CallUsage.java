package dev.callcoach.backend.call;

/**
 * Realtime API tokens a call used, from {@code response.done} usage. Audio tokens are also counted in the
 * totals; they are kept apart because they cost many times more than text tokens.
 */
public record CallUsage(long inputTokens, long outputTokens, long inputAudioTokens, long outputAudioTokens) {

    public static final CallUsage NONE = new CallUsage(0, 0, 0, 0);

    public CallUsage {
        if (inputTokens < 0 || outputTokens < 0 || inputAudioTokens < 0 || outputAudioTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public CallUsage plus(CallUsage other) {
        return new CallUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                inputAudioTokens + other.inputAudioTokens, outputAudioTokens + other.outputAudioTokens);
    }
}
