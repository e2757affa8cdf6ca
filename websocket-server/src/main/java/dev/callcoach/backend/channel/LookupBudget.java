package dev.callcoach.backend.channel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per channel connection for {@code phone.limit.check}: {@code capacity} lookups at once,
 * refilled evenly over {@code period}. A backstop behind the webapp's per-IP budget: one webapp connection
 * carries every visitor, so this bounds what a compromised or buggy webapp can ask, not one visitor.
 */
final class LookupBudget {

    private final long capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    LookupBudget(int capacity, Duration period, LongSupplier nanoTime) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("callcoach.channel.limit-checks-per-period must be at least 1 and the period positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes one lookup from the connection's bucket; false if it is empty. */
    boolean tryTake(String connectionId) {
        return buckets.computeIfAbsent(connectionId, id -> new Bucket(capacity, nanoTime.getAsLong())).tryTake(this);
    }

    void forget(String connectionId) {
        buckets.remove(connectionId);
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(long tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean tryTake(LookupBudget budget) {
            long now = budget.nanoTime.getAsLong();
            tokens = Math.min(budget.capacity, tokens + (now - refilledAt) * budget.tokensPerNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
