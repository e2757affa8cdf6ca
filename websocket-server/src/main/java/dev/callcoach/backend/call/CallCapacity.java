package dev.callcoach.backend.call;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls this instance bridges, against the most it takes. Beyond the limit one core cannot
 * forward every call's audio in time, so a new call is better taken by another instance: the voice
 * webhook apologises and readiness reports "full" until a call ends.
 */
@ApplicationScoped
public class CallCapacity {

    /** The per-instance limit on active calls. */
    @ConfigMapping(prefix = "callcoach.call")
    public interface Config {

        /**
         * Calls one instance bridges at most. The default is the largest call count the bridge load
         * benchmark measured within its latency targets on one core (docs/benchmarks.md).
         */
        @WithDefault("100")
        int maxActivePerInstance();
    }

    private final int max;
    private final AtomicInteger active = new AtomicInteger();

    @Inject
    CallCapacity(Config config) {
        this(config.maxActivePerInstance());
    }

    public CallCapacity(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("callcoach.call.max-active-per-instance must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** A call's stream started; counted even above the limit, since the call is here either way. */
    public void callStarted() {
        active.incrementAndGet();
    }

    public void callEnded() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    public int max() {
        return max;
    }

    /** Whether a new call should go elsewhere. */
    public boolean full() {
        return active.get() >= max;
    }
}
