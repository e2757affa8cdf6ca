package dev.callcoach.webapp.channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), new Random(42));

    @Test
    void theCeilingDoublesPerAttemptAndTheDelayLiesInItsUpperHalf() {
        for (int attempt = 0; attempt < 7; attempt++) {
            long ceiling = 250L << attempt;
            for (int draw = 0; draw < 100; draw++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void theDelayNeverExceedsTheMaximumHoweverManyAttempts() {
        for (int attempt : new int[] {8, 20, 31, 63, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(attempt).toMillis()).isBetween(15_000L, 30_000L);
        }
    }

    @Test
    void delaysAreSpreadSoInstancesDontReconnectInLockstep() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> backoff.delay(10).toMillis())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(40);
    }
}
