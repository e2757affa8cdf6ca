package dev.callcoach.contracts.channel;

/** Why the backend would not reserve a call. */
public enum RefusalReason {
    /** The number has used up its calls for the rolling window; see {@code retryAfterSeconds}. */
    PHONE_LIMIT,
    /** As many calls are running as the deployment allows at once. */
    CONCURRENCY_CAP,
    /** The deployment's daily call budget is spent. */
    DAILY_CAP,
    /** The number fails the phone rules. */
    INVALID_NUMBER,
    UNKNOWN_SCENARIO,
    /** The scenario form or voice fails validation. */
    INVALID_CONFIG,
    /**
     * Calling is switched off or a dependency is down, or the backend is on its outage fallback and this
     * instance's outage budget is spent; see {@code retryAfterSeconds} (0 when unknown).
     */
    UNAVAILABLE,
    /** OpenAI reported the account out of quota; calling is paused until {@code retryAfterSeconds}. */
    CALLING_PAUSED,
    /**
     * The limiter could not decide in time (the database is reachable but busy, or the number is being
     * reserved by another request right now). Nothing was reserved; trying again in a moment can succeed.
     */
    BUSY
}
