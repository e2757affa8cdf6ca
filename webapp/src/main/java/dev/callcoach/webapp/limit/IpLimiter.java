package dev.callcoach.webapp.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets, one per client IP: {@code placements} per {@code window}, the window starting at
 * the IP's first placement and the whole allowance coming back when it ends. Refilling all at once (rather
 * than gradually) is what makes "the 11th placement within 15 minutes is refused" hold: a gradual refill
 * would hand out one more every 90 s. Per instance by design: a cheap first line against one client
 * hammering the page, while the exact per-number limit lives in the backend's database.
 */
public final class IpLimiter {

    /** Whether a placement may go ahead, and if not, when one may. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static Decision allow() {
            return new Decision(true, Duration.ZERO);
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final IpLimitProperties properties;
    private final TimeMeter time;

    public IpLimiter(IpLimitProperties properties) {
        this(properties, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** With a time source of our choosing, so tests can move time. */
    IpLimiter(IpLimitProperties properties, TimeMeter time) {
        this.properties = properties;
        this.time = time;
    }

    /** Takes one placement from the IP's allowance, or says how long until one is back. */
    public Decision tryAcquire(String clientIp) {
        if (buckets.size() >= properties.maxTrackedIps()) {
            forgetIdle();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(clientIp, ip -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Decision.allow()
                : new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How many client IPs are being tracked. */
    int trackedIps() {
        return buckets.size();
    }

    /*
     * A full bucket is indistinguishable from a new one, so dropping it loses nothing. Only when that frees
     * nothing (a flood of distinct addresses) do we start over: forgetting is better than running out of
     * memory, and the backend's per-number limit still holds.
     */
    private void forgetIdle() {
        long capacity = properties.placements();
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
        if (buckets.size() >= properties.maxTrackedIps()) {
            buckets.clear();
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.placements())
                        .refillIntervally(properties.placements(), properties.window())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
