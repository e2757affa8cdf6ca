package dev.callcoach.webapp.limit;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IpLimiterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
        IpLimiter limiter = limiter(properties(10, Duration.ofMinutes(15), 1000));

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("placement %d", i + 1).isTrue();
        }
        IpLimiter.Decision eleventh = limiter.tryAcquire("203.0.113.7");

        assertThat(eleventh.allowed()).isFalse();
        assertThat(eleventh.retryAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void nothingComesBackBeforeTheWindowEndsThenEverythingDoes() {
        IpLimiter limiter = limiter(properties(10, Duration.ofMinutes(15), 1000));
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
        IpLimiter limiter = limiter(properties(1, Duration.ofMinutes(15), 1000));

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.1").allowed()).isTrue();
    }

    @Test
    void refilledClientsAreForgottenWhenTheTableIsFullAndUsedOnesKeepTheirCount() {
        IpLimitProperties properties = properties(2, Duration.ofMinutes(1), 3);
        MemoryIpBuckets buckets = new MemoryIpBuckets(properties, time);
        IpLimiter limiter = limiter(properties, buckets);
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.2");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());

        limiter.tryAcquire("192.0.2.3");
        limiter.tryAcquire("192.0.2.3");
        limiter.tryAcquire("192.0.2.4");

        // Reaching three tracked clients dropped .1 and .2, whose allowance had refilled; .3 kept its count.
        assertThat(buckets.tracked()).isEqualTo(2);
        assertThat(limiter.tryAcquire("192.0.2.3").allowed()).isFalse();
    }

    @Test
    void anOverflowingTableResetsNoOneAndRefusesNewClientsAsBusy() {
        IpLimitProperties properties = properties(2, Duration.ofMinutes(15), 100);
        MemoryIpBuckets buckets = new MemoryIpBuckets(properties, time);
        IpLimiter limiter = limiter(properties, buckets);
        // The client under watch uses its allowance up; then a flood of new addresses fills the table.
        limiter.tryAcquire("203.0.113.7");
        limiter.tryAcquire("203.0.113.7");
        int busy = 0;
        for (int i = 0; i < 1000; i++) {
            IpLimiter.Decision decision = limiter.tryAcquire("10.0." + i / 256 + "." + i % 256);
            if (decision.busy()) {
                busy++;
                assertThat(decision.allowed()).isFalse();
            }
        }

        assertThat(buckets.tracked()).isEqualTo(100);
        assertThat(busy).isEqualTo(1000 - 99);
        assertThat(meters.get("callcoach.ip_limit.busy").counter().count()).isEqualTo(busy);
        IpLimiter.Decision watched = limiter.tryAcquire("203.0.113.7");
        assertThat(watched.allowed()).isFalse();
        assertThat(watched.busy()).isFalse();
        assertThat(watched.retryAfter()).isEqualTo(Duration.ofMinutes(15));

        // Once allowances have refilled, new clients get room again (after the pause between sweeps).
        nanos.addAndGet(Duration.ofMinutes(15).toNanos());
        assertThat(limiter.tryAcquire("198.51.100.1").allowed()).isTrue();
    }

    @Test
    void elevenAddressesInOneIpv6Slash64ShareOneAllowance() {
        IpLimiter limiter = limiter(properties(10, Duration.ofMinutes(15), 1000));

        for (int i = 1; i <= 10; i++) {
            assertThat(limiter.tryAcquire("2001:db8:abcd:12::" + Integer.toHexString(i * 4099)).allowed())
                    .as("address %d", i).isTrue();
        }
        IpLimiter.Decision eleventh = limiter.tryAcquire("2001:db8:abcd:12:ffff:1:2:3");

        assertThat(eleventh.allowed()).isFalse();
        assertThat(eleventh.busy()).isFalse();
        assertThat(limiter.tryAcquire("2001:db8:abcd:13::1").allowed()).as("the next /64").isTrue();
    }

    @Test
    void anIpv4MappedAddressSpendsTheIpv4AddresssAllowance() {
        IpLimiter limiter = limiter(properties(1, Duration.ofMinutes(15), 1000));

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.tryAcquire("::ffff:203.0.113.7").allowed()).isFalse();
    }

    private IpLimiter limiter(IpLimitProperties properties) {
        return limiter(properties, new MemoryIpBuckets(properties, time));
    }

    private IpLimiter limiter(IpLimitProperties properties, MemoryIpBuckets buckets) {
        return new IpLimiter(properties, buckets, meters);
    }

    private static IpLimitProperties properties(int placements, Duration window, int maxTracked) {
        return new IpLimitProperties(placements, window, "", maxTracked);
    }
}
