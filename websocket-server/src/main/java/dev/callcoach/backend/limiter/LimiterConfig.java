package dev.callcoach.backend.limiter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Call limits per number and for the whole deployment, and the upkeep of their tables. */
@ConfigMapping(prefix = "callcoach.limiter")
public interface LimiterConfig {

    /** Length of the rolling per-number window. */
    @WithDefault("60m")
    Duration window();

    /** Calls one number may get within {@link #window()}. */
    @WithDefault("2")
    int maxCallsPerWindow();

    /** Calls in flight at once across all numbers (reserved, ringing or talking). */
    @WithDefault("10")
    int concurrentCap();

    /** Calls granted across all numbers in any rolling 24 hours. */
    @WithDefault("200")
    int dailyCap();

    /** A session not ended after this long stops holding a concurrency slot (a lost final status callback). */
    @WithDefault("15m")
    Duration openSessionTimeout();

    /** Retry-after hint when the concurrency cap refuses; calls end at times nobody can predict. */
    @WithDefault("30s")
    Duration concurrencyRetryAfter();

    /** How long call sessions are kept before cleanup deletes them. */
    @WithDefault("24h")
    Duration retention();

    /** How often the cleanup job runs. */
    @WithDefault("5m")
    Duration cleanupInterval();

    /** Rows deleted per statement by the cleanup job, so it never holds long locks. */
    @WithDefault("1000")
    int cleanupBatchSize();

    /** The rules as a plain value, for the stores. */
    default LimitRules rules() {
        return new LimitRules(maxCallsPerWindow(), window(), concurrentCap(), dailyCap(), openSessionTimeout(),
                concurrencyRetryAfter());
    }
}
