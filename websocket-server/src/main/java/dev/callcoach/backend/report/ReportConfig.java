package dev.callcoach.backend.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Coaching reports: grading through the Responses API, and how long transcripts and reports are kept. */
@ConfigMapping(prefix = "callcoach.report")
public interface ReportConfig {

    /** Off: finished calls are neither kept nor graded; the webapp is told {@code none}. */
    @WithDefault("true")
    boolean enabled();

    /** Responses API base URL (the SDK adds {@code /responses}); from env {@code OPENAI_BASE_URL}. */
    @WithDefault("${OPENAI_BASE_URL:https://api.openai.com/v1}")
    String baseUrl();

    /** Model that grades calls; it must support Structured Outputs. */
    @WithDefault("gpt-4.1-mini")
    String model();

    /** Longest one grading request may take, retries included, before the report counts as failed. */
    @WithDefault("60s")
    Duration timeout();

    /** Retries of a request the API refused with 408, 409, 429 or 5xx, or a dropped connection (SDK backoff). */
    @WithDefault("2")
    int maxRetries();

    /** Ceiling on the report's length in tokens. */
    @WithDefault("2000")
    long maxOutputTokens();

    /** How long transcripts and reports are kept before the cleanup job deletes them. */
    @WithDefault("7d")
    Duration retention();

    /** How often the cleanup job runs (first run one interval after start). */
    @WithDefault("1h")
    Duration cleanupInterval();

    /** Rows deleted per statement by the cleanup job. */
    @WithDefault("1000")
    int cleanupBatchSize();
}
