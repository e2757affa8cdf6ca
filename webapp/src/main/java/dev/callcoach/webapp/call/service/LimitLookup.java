package dev.callcoach.webapp.call.service;

import java.time.Duration;

/** The answer to "how many calls has this number left?". */
public sealed interface LimitLookup {

    /** The backend's answer. */
    record Known(PhoneAllowance allowance) implements LimitLookup {
    }

    /**
     * Not asked: this network has used its lookups for now. Every lookup tells whether, and when, a number
     * was called, so they are rationed like calls.
     *
     * @param retryAfter when lookups are possible again
     */
    record Withheld(Duration retryAfter) implements LimitLookup {
    }
}
