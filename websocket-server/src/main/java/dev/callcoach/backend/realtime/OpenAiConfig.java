package dev.callcoach.backend.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How we reach the OpenAI Realtime API. */
@ConfigMapping(prefix = "callcoach.openai")
public interface OpenAiConfig {

    /** API key, sent as {@code Authorization: Bearer}; from env {@code OPENAI_API_KEY}. */
    @WithDefault("${OPENAI_API_KEY}")
    String apiKey();

    /** Realtime WebSocket URL without query string; from env {@code OPENAI_REALTIME_URL}. */
    @WithDefault("${OPENAI_REALTIME_URL:wss://api.openai.com/v1/realtime}")
    String realtimeUrl();

    /** Realtime model, fixed for a session; from env {@code OPENAI_REALTIME_MODEL}. */
    @WithDefault("${OPENAI_REALTIME_MODEL:gpt-realtime}")
    String model();

    /** API shape: {@code GA}, or {@code BETA} for legacy preview models; from env {@code OPENAI_REALTIME_API}. */
    @WithDefault("${OPENAI_REALTIME_API:GA}")
    RealtimeApi api();

    /** Model transcribing the caller; when unset {@code gpt-4o-mini-transcribe} on GA, {@code whisper-1} on beta. */
    Optional<String> transcriptionModel();

    /** How long opening the Realtime socket may take before the call gives up on it. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * How long a new session may take to confirm our {@code session.update} ({@code session.updated} with
     * μ-law both ways) before the caller hears the recorded goodbye and the call ends.
     */
    @WithDefault("5s")
    Duration sessionConfirmTimeout();

    /** Pause before the one retry of a response that failed with {@code rate_limit_exceeded} or {@code server_error}. */
    @WithDefault("1s")
    Duration responseRetryDelay();

    /** How long new calls are refused after OpenAI reported {@code insufficient_quota}; the next call after it probes again. */
    @WithDefault("10m")
    Duration quotaPause();
}
