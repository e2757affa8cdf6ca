package dev.callcoach.webapp.limit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets, one per client: {@code placements} per {@code window}, the window starting at the client's
 * first placement and the whole allowance coming back when it ends. A client is an IPv4 address or an IPv6
 * prefix ({@link IpKeys}). The buckets live in this instance's memory, or in PostgreSQL when the webapp has
 * a database, so that several instances share one allowance ({@link IpBuckets}). A cheap first line against
 * one client hammering the page; the exact per-number limit lives in the backend's database.
 */
public final class IpLimiter {

    /** How long a client turned away because the table is full is asked to wait. */
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(IpLimiter.class);

    /**
     * Whether a placement may go ahead, and if not, when one may.
     *
     * @param busy refused not because of this client's use but because no more clients can be tracked now, or
     *             the shared database is too busy to count
     */
    public record Decision(boolean allowed, Duration retryAfter, boolean busy) {

        static Decision allow() {
            return new Decision(true, Duration.ZERO, false);
        }
    }

    private final IpKeys keys;
    private final IpBuckets buckets;
    private final Counter busyRefusals;
    /** Logged once per busy spell, counted every time: a flood must not become a flood of log lines. */
    private final AtomicBoolean busySpell = new AtomicBoolean();

    /** In this instance's memory, counting on the global meter registry: for a webapp without a database. */
    public IpLimiter(IpLimitProperties properties) {
        this(properties, new MemoryIpBuckets(properties, TimeMeter.SYSTEM_MILLISECONDS), Metrics.globalRegistry);
    }

    IpLimiter(IpLimitProperties properties, IpBuckets buckets, MeterRegistry meters) {
        this.keys = new IpKeys(properties.ipv6PrefixLength());
        this.buckets = buckets;
        this.busyRefusals = Counter.builder("callcoach.ip_limit.busy")
                .description("placements refused because the table of tracked clients was full")
                .register(meters);
    }

    /** Takes one placement from the client's allowance, or says how long until one is back. */
    public Decision tryAcquire(String clientIp) {
        Optional<ConsumptionProbe> consumed = buckets.tryConsume(keys.keyOf(clientIp));
        if (consumed.isEmpty()) {
            busyRefusals.increment();
            if (busySpell.compareAndSet(false, true)) {
                log.warn("event=ip_limit_busy reason=\"tracked-client table full (none refilled) or database busy\" "
                        + "effect=\"placements refused as busy until allowances refill or the database answers\"");
            }
            return new Decision(false, BUSY_RETRY, true);
        }
        busySpell.set(false);
        ConsumptionProbe probe = consumed.get();
        return probe.isConsumed()
                ? Decision.allow()
                : new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()), false);
    }
}
