package dev.callcoach.backend.limiter;

import java.time.Duration;
import java.time.Instant;

/**
 * What one number may still do right now.
 *
 * @param nextAllowedAt when the next call becomes possible; null while {@code callsLeft > 0}
 */
public record PhoneAllowance(int limit, int callsLeft, Instant nextAllowedAt, Duration window) {
}
