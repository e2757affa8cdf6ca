package dev.callcoach.webapp.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allowances in this instance's memory, at most {@code maxTrackedIps} of them. A full table never forgets a
 * client that has used part of its allowance, or it would reset that client's limit: only entries that have
 * refilled (indistinguishable from a new one) are dropped, and while none has, new clients are turned away.
 * A sweep that found nothing to drop is not repeated for a second, so a flood of new addresses against a
 * full table costs a map lookup each, not a scan each.
 */
final class MemoryIpBuckets implements IpBuckets {

    private static final long SWEEP_PAUSE_NANOS = 1_000_000_000L;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bandwidth allowance;
    private final long capacity;
    private final int maxTracked;
    private final TimeMeter time;
    private long nextSweepNanos = Long.MIN_VALUE;

    MemoryIpBuckets(IpLimitProperties properties, TimeMeter time) {
        this.allowance = properties.allowance();
        this.capacity = properties.placements();
        this.maxTracked = properties.maxTrackedIps();
        this.time = time;
    }

    @Override
    public Optional<ConsumptionProbe> tryConsume(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = admit(key);
            if (bucket == null) {
                return Optional.empty();
            }
        }
        return Optional.of(bucket.tryConsumeAndReturnRemaining(1));
    }

    int tracked() {
        return buckets.size();
    }

    /** Makes room for a new client if it can, by forgetting refilled ones; null when it cannot. */
    private synchronized Bucket admit(String key) {
        Bucket existing = buckets.get(key);
        if (existing != null) {
            return existing;
        }
        if (buckets.size() >= maxTracked) {
            long now = time.currentTimeNanos();
            if (now < nextSweepNanos) {
                return null;
            }
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
            if (buckets.size() >= maxTracked) {
                nextSweepNanos = now + SWEEP_PAUSE_NANOS;
                return null;
            }
        }
        Bucket created = Bucket.builder()
                .addLimit(allowance)
                .withCustomTimePrecision(time)
                .build();
        buckets.put(key, created);
        return created;
    }
}
