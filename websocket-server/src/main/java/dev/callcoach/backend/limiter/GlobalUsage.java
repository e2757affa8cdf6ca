package dev.callcoach.backend.limiter;

import java.time.Instant;

/**
 * The deployment-wide counts the global caps are decided on.
 *
 * @param dailySlotFreedBy the attempt whose ageing out frees the next daily slot; null below the daily cap
 */
public record GlobalUsage(int openSessions, int attemptsInDay, Instant dailySlotFreedBy) {
}
