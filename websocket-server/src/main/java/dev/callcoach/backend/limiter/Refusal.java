package dev.callcoach.backend.limiter;

import java.time.Duration;

/** Why a reservation was refused and when trying again can succeed. */
public record Refusal(Reason reason, Duration retryAfter) {

    public enum Reason {
        /** The number used up its calls in the rolling window. */
        PHONE_LIMIT,
        /** Too many calls in flight. */
        CONCURRENCY_CAP,
        /** The rolling 24-hour budget is spent. */
        DAILY_CAP,
        /** Postgres is reachable but did not decide in time (pool or lock wait); nothing was reserved. */
        BUSY,
        /**
         * Postgres is away and this instance cannot grant from memory: its outage budget is spent, or it never
         * loaded the recent attempts it would need to limit correctly.
         */
        OUTAGE
    }

    /** Whole seconds to wait, rounded up and at least 1, as a client's retry-after. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
