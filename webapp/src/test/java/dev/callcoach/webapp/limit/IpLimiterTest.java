package dev.callcoach.webapp.limit;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IpLimiterTest {

    /** Time that moves only when the test says so. */
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void tenPlacementsPassAndTheEleventhIsRefusedWithTheTimeUntilOneIsBack() {
        IpLimiter limiter = new IpLimiter(properties(10, Duration.ofMinutes(15), 1000), time);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("placement %d", i + 1).isTrue();
        }
        IpLimiter.Decision eleventh = limiter.tryAcquire("203.0.113.7");

        assertThat(eleventh.allowed()).isFalse();
        assertThat(eleventh.retryAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void nothingComesBackBeforeTheWindowEndsThenEverythingDoes() {
        IpLimiter limiter = new IpLimiter(properties(10, Duration.ofMinutes(15), 1000), time);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("203.0.113.7");
        }

        nanos.addAndGet(Duration.ofMinutes(14).toNanos());
        assertThat(limiter.tryAcquire("203.0.113.7").retryAfter()).isEqualTo(Duration.ofMinutes(1));
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
    }

    @Test
    void eachIpHasItsOwnAllowance() {
        IpLimiter limiter = new IpLimiter(properties(1, Duration.ofMinutes(15), 1000), time);

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.1").allowed()).isTrue();
    }

    @Test
    void idleIpsAreForgottenWhenTooManyAreTrackedButBusyOnesKeepTheirCount() {
        IpLimiter limiter = new IpLimiter(properties(2, Duration.ofMinutes(1), 3), time);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());

        limiter.tryAcquire("c");
        limiter.tryAcquire("c");
        limiter.tryAcquire("d");

        // Reaching three tracked IPs dropped a and b, whose allowance had refilled; c kept its count.
        assertThat(limiter.trackedIps()).isEqualTo(2);
        assertThat(limiter.tryAcquire("c").allowed()).isFalse();
    }

    @Test
    void aFloodOfDistinctIpsNeverGrowsPastTheBound() {
        IpLimiter limiter = new IpLimiter(properties(2, Duration.ofMinutes(15), 100), time);

        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("10.0." + i / 256 + "." + i % 256);
        }

        assertThat(limiter.trackedIps()).isLessThanOrEqualTo(100);
    }

    private static IpLimitProperties properties(int placements, Duration window, int maxTracked) {
        return new IpLimitProperties(placements, window, "", maxTracked);
    }
}
