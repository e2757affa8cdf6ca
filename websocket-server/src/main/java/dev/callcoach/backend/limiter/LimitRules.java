package dev.callcoach.backend.limiter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The limiting rules as pure decisions over counts the stores read under their locks, so the Postgres
 * store and the in-memory fallback cannot drift apart.
 *
 * <p>Per number: at most {@code maxPerWindow} attempts newer than {@code now - window}. Globally: at most
 * {@code concurrentCap} sessions not ended (and younger than {@code openSessionTimeout}), and at most
 * {@code dailyCap} attempts in the rolling {@link #DAY}. A rolling day rather than a calendar day: no
 * burst at midnight UTC, and the retry-after is exact. An attempt counts while
 * {@code createdAt > now - window}, so it stops counting at exactly {@code createdAt + window}.
 */
public record LimitRules(int maxPerWindow, Duration window, int concurrentCap, int dailyCap,
                         Duration openSessionTimeout, Duration concurrencyRetryAfter) {

    /** The span of the daily cap. */
    public static final Duration DAY = Duration.ofHours(24);

    public LimitRules {
        requirePositive(maxPerWindow, "max-calls-per-window");
        requirePositive(concurrentCap, "concurrent-cap");
        requirePositive(dailyCap, "daily-cap");
        requirePositive(window, "window");
        requirePositive(openSessionTimeout, "open-session-timeout");
        requirePositive(concurrencyRetryAfter, "concurrency-retry-after");
    }

    /** The same rules with another per-number limit (the fallback's stricter one). */
    public LimitRules withMaxPerWindow(int max) {
        return new LimitRules(max, window, concurrentCap, dailyCap, openSessionTimeout, concurrencyRetryAfter);
    }

    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    public Instant dayStart(Instant now) {
        return now.minus(DAY);
    }

    /** Sessions created before this no longer hold a concurrency slot even if they never ended. */
    public Instant openSince(Instant now) {
        return now.minus(openSessionTimeout);
    }

    /** How long attempts must be kept for some rule to still count them. */
    public Duration attemptHorizon() {
        return window.compareTo(DAY) > 0 ? window : DAY;
    }

    /**
     * @param attempts the number's attempts newer than {@link #windowStart}, oldest first
     */
    public PhoneAllowance allowance(List<Instant> attempts, Instant now) {
        int left = Math.max(0, maxPerWindow - attempts.size());
        // With more attempts than allowed (the limit was lowered), several must age out before the next call.
        Instant nextAllowedAt = left > 0 ? null : attempts.get(attempts.size() - maxPerWindow).plus(window);
        return new PhoneAllowance(maxPerWindow, left, nextAllowedAt, window);
    }

    /**
     * The offset, oldest first, of the attempt in the last {@link #DAY} whose ageing out frees a daily slot,
     * or empty while the cap is not reached.
     */
    public Optional<Integer> dailyFreeingOffset(int attemptsInDay) {
        return attemptsInDay < dailyCap ? Optional.empty() : Optional.of(attemptsInDay - dailyCap);
    }

    /** The refusal for a number whose allowance is spent, if it is. */
    public Optional<Refusal> phoneRefusal(PhoneAllowance allowance, Instant now) {
        return allowance.callsLeft() > 0
                ? Optional.empty()
                : Optional.of(new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.between(now, allowance.nextAllowedAt())));
    }

    /**
     * The refusal from the global caps, if any; the concurrency cap is checked first because it clears
     * soonest.
     */
    public Optional<Refusal> globalRefusal(GlobalUsage usage, Instant now) {
        if (usage.openSessions() >= concurrentCap) {
            return Optional.of(new Refusal(Refusal.Reason.CONCURRENCY_CAP, concurrencyRetryAfter));
        }
        if (usage.attemptsInDay() >= dailyCap) {
            return Optional.of(new Refusal(Refusal.Reason.DAILY_CAP,
                    Duration.between(now, usage.dailySlotFreedBy().plus(DAY))));
        }
        return Optional.empty();
    }

    private static void requirePositive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException("callcoach.limiter." + key + " must be at least 1, got " + value);
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("callcoach.limiter." + key + " must be positive, got " + value);
        }
    }
}
