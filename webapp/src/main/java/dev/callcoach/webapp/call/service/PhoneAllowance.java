package dev.callcoach.webapp.call.service;

import java.time.Duration;
import java.time.Instant;

/**
 * How many more practice calls a number may get now.
 *
 * @param limit         calls per window
 * @param callsLeft     calls left now
 * @param nextAllowedAt when the next call is possible, null while calls are left
 * @param window        the rolling window
 */
public record PhoneAllowance(int limit, int callsLeft, Instant nextAllowedAt, Duration window) {

    /** Whether a call may be placed now. */
    public boolean allowsCall(Instant now) {
        return callsLeft > 0 || nextAllowedAt == null || !now.isBefore(nextAllowedAt);
    }
}
