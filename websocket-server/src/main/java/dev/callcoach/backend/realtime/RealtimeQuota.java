package dev.callcoach.backend.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether calling is paused because OpenAI said the account is out of quota ({@code insufficient_quota}).
 * Every call after that would fail the same way and still cost a Twilio call, so new calls are refused
 * for {@link OpenAiConfig#quotaPause()}; the first call after the pause is the probe that tells whether
 * the quota is back. Per instance: each instance learns it from its own calls.
 */
@ApplicationScoped
public class RealtimeQuota {

    private static final Logger LOG = Logger.getLogger(RealtimeQuota.class);

    private final Duration pause;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    public RealtimeQuota(OpenAiConfig config, Clock clock, MeterRegistry registry) {
        this.pause = config.quotaPause();
        this.clock = clock;
        registry.gauge("callcoach.realtime.quota.paused", this, quota -> quota.pausedFor().isPresent() ? 1 : 0);
    }

    /** OpenAI refused a response for quota: pause calling. */
    public void exhausted() {
        Instant until = clock.instant().plus(pause);
        pausedUntil.set(until);
        LOG.warnf("openai quota exhausted: new calls refused until %s", until);
    }

    /** Lifts the pause at once, when the quota is known to be back (topped up, or a test is over). */
    public void lift() {
        pausedUntil.set(Instant.MIN);
        LOG.info("openai quota pause lifted");
    }

    /** How long calling stays paused, if it is. */
    public Optional<Duration> pausedFor() {
        Duration left = Duration.between(clock.instant(), pausedUntil.get());
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }
}
