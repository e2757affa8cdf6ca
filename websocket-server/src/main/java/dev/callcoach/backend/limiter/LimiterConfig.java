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

    /**
     * A reservation still not placed (no {@code call.placed}) this long after it was granted expires: its slot
     * is freed and the number's attempt given back. A placement reported unknown ({@code call.placement_unknown})
     * that Twilio does not confirm with a status callback within this long ends as failed: slot freed, attempt
     * kept. Must be longer than the webapp's wait for Twilio's answer to creating a call.
     */
    @WithDefault("60s")
    Duration placementTimeout();

    /** How often expired placements are looked for. */
    @WithDefault("5s")
    Duration expiryInterval();

    /** While Postgres is away: calls one number may get per window (stricter than the normal limit). */
    @WithDefault("1")
    int fallbackMaxCallsPerWindow();

    /** While Postgres is away: calls this instance may grant from memory per {@link #fallbackBudgetPeriod()}. */
    @WithDefault("20")
    int fallbackBudget();

    /** The rolling period of {@link #fallbackBudget()}. */
    @WithDefault("1h")
    Duration fallbackBudgetPeriod();

    /**
     * How often the in-memory mirror of recent attempts is refreshed from Postgres. What other instances granted
     * since the last refresh is what this instance does not know if Postgres goes away now.
     */
    @WithDefault("10s")
    Duration mirrorRefreshInterval();

    /** Retry-after sent when the database was busy. */
    @WithDefault("2s")
    Duration busyRetryAfter();

    /** The rules as a plain value, for the stores. */
    default LimitRules rules() {
        return new LimitRules(maxCallsPerWindow(), window(), concurrentCap(), dailyCap(), openSessionTimeout(),
                concurrencyRetryAfter());
    }

    /** The stricter rules the in-memory fallback applies. */
    default LimitRules fallbackRules() {
        return rules().withMaxPerWindow(Math.min(fallbackMaxCallsPerWindow(), maxCallsPerWindow()));
    }
}
