package dev.callcoach.backend.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the backend waits for Postgres, what counts as busy and what as away, and how soon it looks again. */
@ConfigMapping(prefix = "callcoach.database")
public interface DatabaseConfig {

    /**
     * How long a request waits for a database operation (pool wait included) before it is answered "busy".
     * Only if Postgres then cannot be reached on a fresh connection does the instance switch to fallback.
     */
    @WithDefault("2s")
    Duration queryTimeout();

    /** {@code SET LOCAL lock_timeout} of every limiter transaction: a lock wait past it is "busy". */
    @WithDefault("1s")
    Duration lockTimeout();

    /**
     * {@code SET LOCAL statement_timeout} of every limiter transaction. Shorter than {@link #queryTimeout()},
     * so Postgres aborts a statement before the client is answered and nothing commits afterwards.
     */
    @WithDefault("1500ms")
    Duration statementTimeout();

    /**
     * Database operations one instance lets wait or run at once; more are answered "busy" at once instead of
     * queueing for the pool. Under a flood this keeps the answer quick and the event loop free, so the
     * instance neither stalls nor mistakes its own backlog for an outage.
     */
    @WithDefault("64")
    int maxInFlight();

    /** While in fallback, how often Postgres is probed to switch back. */
    @WithDefault("1s")
    Duration fallbackProbeInterval();

    /** Refuses settings under which a transaction could outlive the answer to its client. */
    default void validate() {
        if (lockTimeout().compareTo(statementTimeout()) > 0 || statementTimeout().compareTo(queryTimeout()) >= 0
                || lockTimeout().isNegative() || lockTimeout().isZero() || maxInFlight() < 1) {
            throw new IllegalArgumentException("callcoach.database: need 0 < lock-timeout <= statement-timeout < query-timeout and max-in-flight >= 1, got "
                    + lockTimeout() + ", " + statementTimeout() + ", " + queryTimeout() + ", " + maxInFlight());
        }
    }
}
